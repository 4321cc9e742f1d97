from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from lms import health
from lms.admin_reports import SiteHistoryView

urlpatterns = [
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("", include("people.privacy_urls")),
    # One way in: allauth's login, with its rate limits and two-factor step.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    # Wagtail's site history at its own address, its exports made formula-safe
    # (`lms.admin_reports`); the admin's access check and no caching as there.
    path(
        "admin/reports/site-history/",
        never_cache(require_admin_access(SiteHistoryView.as_view())),
        name="site_history",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The sign-in address is HR's to change: this read-only page takes the
    # place of allauth's e-mail management (same URL and name).
    path("account/", include("people.account_urls")),
    path("account/", include("allauth.urls")),
    path("api/v1/", include("api.rest_urls")),
    path("", include("api.urls")),
    path("", include("people.urls")),
    path("", include("courses.urls")),
    path("", include("classroom.urls")),
    path("", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include("notifications.urls")),
    path("", include("certifications.urls")),
    path("", include("observations.urls")),
    path("", include("hr.urls")),
    path("", include("surveys.urls")),
    path("", include("content.urls")),
    path("", include("scorm.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
# Media is never served as a folder, in development either: documents and
# certificates through their views, image renditions through
# `content.views.serve_rendition`, each with its permission check.

# Everything else is Wagtail's page tree.
urlpatterns += [path("", include(wagtail_urls))]
