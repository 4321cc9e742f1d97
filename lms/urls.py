from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import health, privacy_views

urlpatterns = [
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path(
        "hr/persone/<int:person_id>/dati-personali/",
        privacy_views.personal_data,
        name="personal_data",
    ),
    path(
        "hr/persone/<int:person_id>/dati-personali/esporta/",
        privacy_views.personal_data_export,
        name="personal_data_export",
    ),
    path(
        "hr/persone/<int:person_id>/dati-personali/anonimizza/",
        privacy_views.personal_data_anonymise,
        name="personal_data_anonymise",
    ),
    # One way in: allauth's login, with its rate limits and two-factor step.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
    path("api/v1/", include("api.rest_urls")),
    path("", include("api.urls")),
    path("", include("people.urls")),
    path("", include("courses.urls")),
    path("", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include("notifications.urls")),
    path("", include("certifications.urls")),
    path("", include("hr.urls")),
    path("", include("content.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything else is Wagtail's page tree.
urlpatterns += [path("", include(wagtail_urls))]
