"""HR's pages for a person's personal data, under their historical names (no
namespace), included by the root URLconf."""

from django.urls import path

from . import privacy_views

urlpatterns = [
    path(
        "hr/persone/<id:person_id>/dati-personali/",
        privacy_views.personal_data,
        name="personal_data",
    ),
    path(
        "hr/persone/<id:person_id>/dati-personali/esporta/",
        privacy_views.personal_data_export,
        name="personal_data_export",
    ),
    path(
        "hr/persone/<id:person_id>/dati-personali/anonimizza/",
        privacy_views.personal_data_anonymise,
        name="personal_data_anonymise",
    ),
]
