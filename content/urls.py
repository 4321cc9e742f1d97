from django.conf import settings
from django.urls import path

from . import views

app_name = "content"
urlpatterns = [path("cerca/", views.search, name="search")]

if settings.MEDIA_URL.startswith("/"):
    # Image renditions, where the media storage (the file system) puts them.
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.strip('/')}/images/<path:name>",
            views.serve_rendition,
            name="rendition",
        )
    )
