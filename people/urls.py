from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("hr/stato-formazione/", views.training_status, name="training_status"),
    path("lingua/", views.set_language, name="set_language"),
]
