import os

from .base import *  # noqa: F403
from .base import tasks_settings

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Immediate tasks; a worker process started by a test (tests/ops) runs these
# settings with the queue it needs.
TASKS = tasks_settings(
    os.environ.get(
        "LMS_TEST_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    )
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
