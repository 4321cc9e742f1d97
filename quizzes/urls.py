from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("quiz/<int:course_id>/", views.QuizView.as_view(), name="take"),
    path("quiz/tentativi/<int:attempt_id>/", views.attempt_result, name="result"),
]
