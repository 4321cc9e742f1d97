from django.urls import path

from . import hr_views, views

app_name = "certificates"


def _verification(prefix: str, name_suffix: str = "") -> list:
    """The public verification pages (the form, a code, its JSON, a PDF
    checked by upload) under one prefix."""
    return [
        path(f"{prefix}/", views.verify_lookup, name=f"verify_lookup{name_suffix}"),
        path(
            f"{prefix}/pdf.json",
            views.verify_file_json,
            name=f"verify_file_json{name_suffix}",
        ),
        path(
            f"{prefix}/<str:code>.json",
            views.verify_json,
            name=f"verify_json{name_suffix}",
        ),
        path(f"{prefix}/<str:code>/", views.verify, name=f"verify{name_suffix}"),
    ]


urlpatterns = [
    path("certificati/<id:certificate_id>/pdf/", views.download, name="download"),
    path(
        "certificati/<id:certificate_id>/",
        views.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "certificati/<id:certificate_id>/open-badge.<str:fmt>",
        views.badge_download,
        name="badge_download",
    ),
    # Open Badges: the issuer's keys and the revocation list, public.
    path(".well-known/jwks.json", views.badge_jwks, name="badge_jwks"),
    path(".well-known/did.json", views.badge_did, name="badge_did"),
    path(
        "open-badge/stato/<id:number>/",
        views.badge_status_list,
        name="badge_status_list",
    ),
    *_verification("verifica"),
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
        "hr/certificati/<id:certificate_id>/",
        hr_views.certificate_detail,
        name="hr_detail",
    ),
    path(
        "hr/certificati/<id:certificate_id>/revoca/",
        hr_views.certificate_revoke,
        name="hr_revoke",
    ),
    path(
        "hr/certificati/<id:certificate_id>/ripristina/",
        hr_views.certificate_reinstate,
        name="hr_reinstate",
    ),
    path(
        "hr/certificati/<id:certificate_id>/riemetti/",
        hr_views.certificate_reissue,
        name="hr_reissue",
    ),
    # English aliases, as other systems name them.
    *_verification("verify", name_suffix="_alias"),
]
