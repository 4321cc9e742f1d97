from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = True
# The demo's own address too (`make demo HOST=… PORT=…` sets SITE_URL).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", urlsplit(SITE_URL).hostname]  # noqa: F405

# whitenoise finds static files where runserver would, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
