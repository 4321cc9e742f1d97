"""Production settings: everything secret or deployment-specific comes from the
environment, and the process refuses to start with an insecure default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    LOGGING,
    PRIVATE_ROOT,
    REDIS_URL,
    SECRET_KEY,
    tasks_settings,
)


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
LMS_DEMO_ALLOWED = False

if (
    "SECRET_KEY" not in os.environ
    or SECRET_KEY.startswith("dev-only")
    or len(SECRET_KEY) < 50
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters."
    )
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
_required("DATABASE_URL")
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    and os.environ.get("ALLOW_SQLITE_IN_PRODUCTION") != "1"
):
    raise ImproperlyConfigured(
        "Production runs on PostgreSQL: point DATABASE_URL at it."
    )

# Keep each worker's database connection between requests (checked before
# reuse, see base.py): opening one per request costs a PostgreSQL backend
# process and a round of authentication every time.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))

SITE_URL = _required("SITE_URL")

# Certificates and Open Badges are signed with the organisation's own key: never
# with a key generated on first use, which no verifier could know and which
# each machine would make for itself.
CERTIFICATES_SIGNING_KEY = _required("CERTIFICATES_SIGNING_KEY")
CERTIFICATES_SIGNING_CERT = _required("CERTIFICATES_SIGNING_CERT")
for _name in ("CERTIFICATES_SIGNING_KEY", "CERTIFICATES_SIGNING_CERT"):
    if not os.path.isfile(os.environ[_name]):
        raise ImproperlyConfigured(f"{_name} names no readable file.")
CERTIFICATES_REQUIRE_SIGNING_KEY = True
# After a key rotation: the earlier signing certificates, still trusted when a
# PDF or an Open Badge signed with them is verified (comma-separated paths).
CERTIFICATES_PREVIOUS_SIGNING_CERTS = [
    path.strip()
    for path in os.environ.get("CERTIFICATES_PREVIOUS_SIGNING_CERTS", "").split(",")
    if path.strip()
]
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = [SITE_URL]

# A real queue: RQ on Redis when Redis is configured, else the ORM-backed worker
# (`manage.py db_worker`); TASKS_BACKEND chooses explicitly.
TASKS = tasks_settings(
    os.environ.get(
        "TASKS_BACKEND",
        "lms.tasks_backend.ResilientRQBackend"
        if REDIS_URL
        else "django_tasks_db.DatabaseBackend",
    )
)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = _required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"

# Media storage: the file system by default (one shared volume for every web and
# worker machine), or S3-compatible object storage with MEDIA_STORAGE=s3.
# Static files: hashed names and precompressed copies, served by whitenoise.
_MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if _MEDIA_STORAGE == "s3":
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _required("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Private objects, handed out only through the views that check
            # permissions (certificates) or short-lived signed URLs.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Never served at all: a prefix of the same private bucket.
    _private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_media["OPTIONS"], "location": "private"},
    }
elif _MEDIA_STORAGE == "filesystem":
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # On the volume every web and worker machine shares, outside MEDIA_ROOT.
    _private = {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    }
else:
    raise ImproperlyConfigured("MEDIA_STORAGE is either 'filesystem' or 's3'.")
STORAGES = {
    "default": _media,
    "private": _private,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# One JSON object per log line, with the request ID.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")

# Behind a proxy, every rate limit (allauth's, the verification page's) must key
# on the client's address, not the proxy's: name the header the proxy sets
# (e.g. X-Real-IP), or say how many proxies append to X-Forwarded-For.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Administrators, trainers and HR must set up two-factor authentication.
LMS_MFA_REQUIRED = os.environ.get("LMS_MFA_REQUIRED", "1") == "1"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_HTTPONLY = True
# X_FRAME_OPTIONS is SAMEORIGIN, not DENY, because Wagtail's live preview shows
# the page in a same-origin iframe; CSP frame-ancestors 'self' says the same.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
