import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

application = get_wsgi_application()

# Import every URL module (Wagtail's admin among them, about a second) while the
# worker boots, not in the first request it serves: gunicorn replaces each
# worker after `max_requests`, and that request would wait for it.
get_resolver().reverse_dict  # noqa: B018
