from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificati/<int:certificate_id>/pdf/", views.download, name="download"),
    path("verifica/", views.verify_lookup, name="verify_lookup"),
    path("verifica/<str:code>/", views.verify, name="verify"),
]
