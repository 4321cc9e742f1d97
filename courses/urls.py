from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("la-mia-formazione/", views.my_training, name="my_training"),
    path("corsi/<int:course_id>/iscrizione/", views.enrol, name="enrol"),
    path("corsi/<int:course_id>/continua/", views.resume, name="resume"),
    path(
        "moduli/<int:module_id>/completa/",
        views.complete_module,
        name="complete_module",
    ),
    path(
        "moduli/<int:module_id>/verifiche/<str:block_id>/",
        views.answer_knowledge_check,
        name="answer_knowledge_check",
    ),
]
