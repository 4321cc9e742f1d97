from django.urls import path

from . import quiz_views, views

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
    path("quiz/<int:course_id>/", quiz_views.CourseQuizView.as_view(), name="quiz"),
    path(
        "quiz/<int:course_id>/storico/",
        quiz_views.attempt_history,
        name="quiz_history",
    ),
    path(
        "quiz/tentativi/<int:attempt_id>/",
        quiz_views.attempt_result,
        name="attempt_result",
    ),
    path(
        "moduli/<int:module_id>/verifiche/<str:block_id>/",
        views.answer_knowledge_check,
        name="answer_knowledge_check",
    ),
    path(
        "moduli/<int:module_id>/scenari/<str:block_id>/",
        views.scenario_choose,
        name="scenario_choose",
    ),
    path(
        "moduli/<int:module_id>/scorm/<str:block_id>/",
        views.scorm_commit,
        name="scorm_commit",
    ),
]
