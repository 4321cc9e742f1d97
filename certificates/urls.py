from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("certificati/<int:certificate_id>/pdf/", views.download, name="download"),
    path("verifica/", views.verify_lookup, name="verify_lookup"),
    path("verifica/pdf.json", views.verify_file_json, name="verify_file_json"),
    path("verifica/<str:code>.json", views.verify_json, name="verify_json"),
    path("verifica/<str:code>/", views.verify, name="verify"),
    # English aliases, as other systems and the issue name them.
    path("verify/", views.verify_lookup),
    path("verify/pdf.json", views.verify_file_json),
    path("verify/<str:code>.json", views.verify_json),
    path("verify/<str:code>/", views.verify, name="verify_alias"),
]
