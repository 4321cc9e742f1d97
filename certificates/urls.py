from django.urls import path

from . import hr_views, views

app_name = "certificates"
urlpatterns = [
    path("certificati/<int:certificate_id>/pdf/", views.download, name="download"),
    path(
        "certificati/<int:certificate_id>/",
        views.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "certificati/<int:certificate_id>/open-badge.<str:fmt>",
        views.badge_download,
        name="badge_download",
    ),
    # Open Badges: the issuer's keys and the revocation list, public.
    path(".well-known/jwks.json", views.badge_jwks, name="badge_jwks"),
    path(".well-known/did.json", views.badge_did, name="badge_did"),
    path(
        "open-badge/stato/<int:number>/",
        views.badge_status_list,
        name="badge_status_list",
    ),
    path("verifica/", views.verify_lookup, name="verify_lookup"),
    path("verifica/pdf.json", views.verify_file_json, name="verify_file_json"),
    path("verifica/<str:code>.json", views.verify_json, name="verify_json"),
    path("verifica/<str:code>/", views.verify, name="verify"),
    path("hr/certificati/", hr_views.certificate_list, name="hr_list"),
    path("hr/certificati/zip/", hr_views.certificate_zip, name="hr_zip"),
    path(
        "hr/certificati/csv/",
        hr_views.certificate_export,
        {"fmt": "csv"},
        name="hr_csv",
    ),
    path(
        "hr/certificati/xlsx/",
        hr_views.certificate_export,
        {"fmt": "xlsx"},
        name="hr_xlsx",
    ),
    path(
        "hr/certificati/<int:certificate_id>/",
        hr_views.certificate_detail,
        name="hr_detail",
    ),
    path(
        "hr/certificati/<int:certificate_id>/revoca/",
        hr_views.certificate_revoke,
        name="hr_revoke",
    ),
    path(
        "hr/certificati/<int:certificate_id>/ripristina/",
        hr_views.certificate_reinstate,
        name="hr_reinstate",
    ),
    path(
        "hr/certificati/<int:certificate_id>/riemetti/",
        hr_views.certificate_reissue,
        name="hr_reissue",
    ),
    # English aliases, as other systems and the issue name them.
    path("verify/", views.verify_lookup, name="verify_lookup_alias"),
    path("verify/pdf.json", views.verify_file_json, name="verify_file_json_alias"),
    path("verify/<str:code>.json", views.verify_json, name="verify_json_alias"),
    path("verify/<str:code>/", views.verify, name="verify_alias"),
]
