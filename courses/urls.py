from django.urls import path

from . import quiz_views, views

app_name = "courses"
urlpatterns = [
    path("la-mia-formazione/", views.my_training, name="my_training"),
    path("corsi/<id:course_id>/iscrizione/", views.enrol, name="enrol"),
    path("corsi/<id:course_id>/continua/", views.resume, name="resume"),
    path(
        "moduli/<id:module_id>/completa/",
        views.complete_module,
        name="complete_module",
    ),
    path("quiz/<id:course_id>/", quiz_views.CourseQuizView.as_view(), name="quiz"),
    path(
        "quiz/<id:course_id>/storico/",
        quiz_views.attempt_history,
        name="quiz_history",
    ),
    path(
        "quiz/tentativi/<id:attempt_id>/",
        quiz_views.attempt_result,
        name="attempt_result",
    ),
    path(
        "moduli/<id:module_id>/verifiche/<str:block_id>/",
        views.answer_knowledge_check,
        name="answer_knowledge_check",
    ),
    path(
        "moduli/<id:module_id>/scenari/<str:block_id>/",
        views.scenario_choose,
        name="scenario_choose",
    ),
    path(
        "moduli/<id:module_id>/scorm/<str:block_id>/",
        views.scorm_commit,
        name="scorm_commit",
    ),
]
