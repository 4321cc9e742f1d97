from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("quiz/tentativi/<id:attempt_id>/salva/", views.autosave, name="autosave"),
]
