from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("quiz/<int:course_id>/", views.QuizView.as_view(), name="take"),
    path("quiz/<int:course_id>/salva/", views.autosave, name="autosave"),
    path("quiz/<int:course_id>/storico/", views.attempt_history, name="history"),
    path("quiz/tentativi/<int:attempt_id>/", views.attempt_result, name="result"),
]
