from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("hr/persone/", views.people_list, name="people_list"),
    path("hr/persone/nuova/", views.person_edit, name="person_create"),
    path("hr/persone/<id:pk>/", views.person_edit, name="person_edit"),
    path(
        "hr/persone/<id:pk>/attivo/",
        views.person_set_active,
        name="person_set_active",
    ),
    path("hr/persone/importa/", views.import_upload, name="import_upload"),
    path("hr/persone/importa/<id:pk>/", views.import_preview, name="import_preview"),
    path(
        "hr/persone/importa/<id:pk>/stato/",
        views.import_status,
        name="import_status",
    ),
    path(
        "hr/persone/importa/<id:pk>/riprendi/",
        views.import_resume,
        name="import_resume",
    ),
    path(
        "hr/persone/importa/<id:pk>/colonne/",
        views.import_columns,
        name="import_columns",
    ),
    path("lingua/", views.set_language, name="set_language"),
]
