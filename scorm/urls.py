from django.urls import path

from . import views

app_name = "scorm"
urlpatterns = [
    path("scorm/<uuid:key>/<path:name>", views.serve_file, name="file"),
]
