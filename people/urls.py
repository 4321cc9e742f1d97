from django.urls import path

from . import hr_views, views

app_name = "people"
urlpatterns = [
    path("hr/stato-formazione/", views.training_status, name="training_status"),
    path("hr/persone/", views.people_list, name="people_list"),
    path("hr/persone/nuova/", views.person_edit, name="person_create"),
    path("hr/persone/<int:pk>/", views.person_edit, name="person_edit"),
    path(
        "hr/persone/<int:pk>/attivo/",
        views.person_set_active,
        name="person_set_active",
    ),
    path("hr/persone/importa/", views.import_upload, name="import_upload"),
    path("hr/persone/importa/<int:pk>/", views.import_preview, name="import_preview"),
    path(
        "hr/persone/importa/<int:pk>/colonne/",
        views.import_columns,
        name="import_columns",
    ),
    path("hr/persone/esporta.<str:fmt>", hr_views.people_export, name="people_export"),
    path("hr/conformita/", hr_views.dashboard, name="dashboard"),
    path(
        "hr/conformita/esporta.<str:fmt>",
        hr_views.dashboard_export,
        name="dashboard_export",
    ),
    path(
        "hr/certificati/esporta.<str:fmt>",
        hr_views.certificates_export,
        name="certificates_export",
    ),
    path("hr/storico/<int:pk>/", hr_views.transcript, name="transcript"),
    path("hr/storico/<int:pk>/pdf/", hr_views.transcript_pdf, name="transcript_pdf"),
    path("lingua/", views.set_language, name="set_language"),
]
