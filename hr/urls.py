from django.urls import path

from . import views

app_name = "hr"

urlpatterns = [
    path("hr/conformita/sollecita/", views.remind, name="remind"),
]
