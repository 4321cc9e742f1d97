"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import everything from here
and override only what differs. Anything secret or deployment-specific is read from
the environment in `production`.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lms.company_sign_in import OIDC, SAML, providers_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # Project apps first so their templates override third-party ones.
    "lms",
    "people",
    "content",
    "scorm",
    "courses",
    "classroom",
    "quizzes",
    "certificates",
    "certifications",
    "surveys",
    "notifications",
    "observations",
    "api",
    "hr",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    # Content in Italian and English (`docs/architecture.md`, "Two languages"):
    # the admin's "Traduci" action copies a page tree or a snippet to the
    # other locale; `wagtail.locales` manages the locales.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.PeopleUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Authentication
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Company sign-in (people/sso.py): OpenID Connect and SAML 2.0 providers.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    # Background work
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    # Security headers
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "lms.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the web process, compressed and cached forever.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.csp.ScopedCSPMiddleware",
    # Before anything reads a cookie: one with a NUL in it is dropped.
    "lms.middleware.DropNulCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.UserLanguageMiddleware",
    # A NUL character in an address, query or form is a 400, in the person's
    # language, before any view sends it to the database.
    "lms.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.MfaRequiredMiddleware",
    "lms.middleware.NoSignInLoopMiddleware",
    "lms.middleware.NotAllowedPageMiddleware",
    "lms.middleware.DatabaseUnavailableMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

# SQLite is the zero-configuration default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A kept connection is checked before reuse, so the first request after
        # a database restart reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Argon2id first (see lms/hashers.py); PBKDF2 stays to verify older hashes,
# which are upgraded at the next login.
PASSWORD_HASHERS = [
    "lms.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

_PASSWORD_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.MinimumLengthValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.NumericPasswordValidator"},
]

# Internationalisation: Italian first, English as well.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lms_language"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Files no URL may ever serve (HR's uploaded employee files): outside MEDIA_ROOT.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "var" / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Accounts (django-allauth): the e-mail address is the login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:my_training"
LOGOUT_REDIRECT_URL = "/"
# A refused form (often a page left open across a sign-in in another tab) gets
# the site's own page, in the layout, with a way back.
CSRF_FAILURE_VIEW = "lms.errors.csrf_failure"
# Accounts come from HR; public sign-up is an explicit opt-in.
LMS_SIGNUP_OPEN = os.environ.get("LMS_SIGNUP_OPEN", "") == "1"

# Rate limits (allauth's, kept in the cache): failed logins per address and per
# account, password-reset requests. The messages never say whether an account
# exists (`lms/templates/account/` and the adapter).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "10/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_PREVENT_ENUMERATION = True

# Company sign-in (people/sso.py, docs/deployment.md): OpenID Connect and SAML
# 2.0 through allauth's `openid_connect` and `saml` providers (their classes
# extended in people/providers.py: a nonce for OIDC, the AuthnContext for SAML).
# Each provider is an allauth "app", given here as JSON in LMS_OIDC_PROVIDERS /
# LMS_SAML_PROVIDERS (checked by lms.company_sign_in: a mistake stops start-up
# with a message naming it) or as a SocialApp row in the Django admin; its
# `settings` carry allauth's keys (`server_url`, `idp`, `attribute_mapping`) and
# the project's: `create_users`, `trusts_email`, `trusts_mfa`,
# `mfa_authn_contexts`, `claims` (department/job_title) and
# `password_login_domains`.
SOCIALACCOUNT_ADAPTER = "people.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "people.providers.CompanyOpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": providers_from_env(
            "LMS_OIDC_PROVIDERS", os.environ.get("LMS_OIDC_PROVIDERS"), kind=OIDC
        ),
    },
    "saml": {
        "provider_class": "people.providers.CompanySAMLProvider",
        "APPS": providers_from_env(
            "LMS_SAML_PROVIDERS", os.environ.get("LMS_SAML_PROVIDERS"), kind=SAML
        ),
    },
}
ACCOUNT_FORMS = {"login": "people.forms.LoginForm"}

# Two-factor authentication (allauth MFA): TOTP plus recovery codes. When
# LMS_MFA_REQUIRED is on, administrators, trainers and HR are sent to set up TOTP
# before anything else (`lms.middleware.MfaRequiredMiddleware`).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Formazione Servizio Clienti"
LMS_MFA_REQUIRED = os.environ.get("LMS_MFA_REQUIRED", "") == "1"

# Quizzes laid out "all on one page" are split into pages of this many
# questions, with a navigator (quizzes.views.AttemptView.per_page).
LMS_QUIZ_QUESTIONS_PER_PAGE = int(os.environ.get("LMS_QUIZ_QUESTIONS_PER_PAGE", "10"))

# Personal data (people/privacy.py): a leaver may be anonymised this many days
# after their last sign-in; certificates stay verifiable under the anonymised
# record where the law requires the record (e.g. mandatory safety training).
LMS_LEAVER_RETENTION_DAYS = int(os.environ.get("LMS_LEAVER_RETENTION_DAYS", "730"))
LMS_KEEP_CERTIFICATE_RECORDS = (
    os.environ.get("LMS_KEEP_CERTIFICATE_RECORDS", "1") == "1"
)

# Uploads: requests and files are bounded; images and documents are checked by
# their content (`lms.uploads`).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Documents include the audio and video files of the module blocks (with their
# WebVTT captions); they are served by Wagtail's document view, so collection
# restrictions apply, and in parts for players (`content.media`).
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "csv",
    "txt",
    "mp3",
    "ogg",
    "oga",
    "opus",
    "m4a",
    "mp4",
    "webm",
    "vtt",
]
LMS_DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# SCORM packages (`scorm.packages`): the zip, what it holds once extracted, and
# how many files.
LMS_SCORM_MAX_UPLOAD_SIZE = int(
    os.environ.get("LMS_SCORM_MAX_UPLOAD_SIZE", 200 * 1024 * 1024)
)
LMS_SCORM_MAX_UNPACKED_SIZE = int(
    os.environ.get("LMS_SCORM_MAX_UNPACKED_SIZE", 500 * 1024 * 1024)
)
LMS_SCORM_MAX_FILES = int(os.environ.get("LMS_SCORM_MAX_FILES", 5000))
# Documents are always downloaded as attachments (`Content-Disposition:
# attachment`), never displayed inline by the browser.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# The upload checks, and only lead trainers replace a document's or an image's file.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.forms.GovernedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.forms.GovernedImageForm"

# Content Security Policy (django-csp): no inline script anywhere on the site.
# The Wagtail admin needs inline scripts and styles of its own; `lms.csp` relaxes
# the policy for /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# Wagtail
WAGTAIL_SITE_NAME = "Formazione Servizio Clienti"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Passwords are reset through allauth (rate-limited, no account enumeration).
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Translated page trees and snippets share their Italian original's URLs: the
# page tree a request walks is the one in the reader's language
# (`content.translation`), the Italian original where there is no translation.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_WORKFLOW_ENABLED = True
# Nothing is fetched from the internet at run time: no Gravatar avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Absolute URLs printed on certificates (QR code) and in e-mails.
SITE_URL = WAGTAILADMIN_BASE_URL

# The organisation that issues certificates and Open Badges (certificates/badges/):
# name and web address (defaults: the site's name and SITE_URL), a contact
# address, and its LinkedIn company id for "Aggiungi a LinkedIn".
LMS_ORGANISATION_NAME = os.environ.get("LMS_ORGANISATION_NAME", "")
LMS_ORGANISATION_URL = os.environ.get("LMS_ORGANISATION_URL", "")
LMS_ORGANISATION_EMAIL = os.environ.get("LMS_ORGANISATION_EMAIL", "")
LMS_ORGANISATION_LINKEDIN_ID = os.environ.get("LMS_ORGANISATION_LINKEDIN_ID", "")

# Redis, when configured, serves the cache and the RQ task queue, each in its own
# database so that clearing the cache never drops a queued render or e-mail.
# Without it: a local-memory cache and no queue. The cache only ever holds
# primitives and rendered HTML under keys that name their own version; nothing
# that gates or ends access (progress, permissions, sessions) is cached.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The release, in every cache key: a deploy never reads an older release's
# entries (`lms.release`).
from lms.release import current_release  # noqa: E402

LMS_RELEASE = current_release(BASE_DIR)
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis: a Redis error costs the one call that met it (a miss,
            # or a write not made), logged as an error; never a whole process.
            "BACKEND": "lms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"lms:{LMS_RELEASE}",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": f"lms:{LMS_RELEASE}",
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "lms.cache"
# Sessions live in the database: a logout deletes the row, and no cache outage
# can keep a session alive.
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def tasks_redis_url(redis_url: str) -> str:
    """The task queue's Redis: TASKS_REDIS_URL, else the cache's server with
    database 1 (the cache uses the URL's own database, 0 by default)."""
    explicit = os.environ.get("TASKS_REDIS_URL", "")
    if explicit:
        return explicit
    if not redis_url:
        return "redis://127.0.0.1:6379/1"
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(redis_url)
    database = (parts.path or "/0").strip("/") or "0"
    queue_database = "1" if database != "1" else "2"
    return urlunsplit(parts._replace(path=f"/{queue_database}"))


RQ_QUEUES = {
    "default": {
        "URL": tasks_redis_url(REDIS_URL),
        "DEFAULT_TIMEOUT": 300,
        # Retries the tasks that are safe to repeat when a worker dies.
        "QUEUE_CLASS": "lms.tasks_backend.RetryingQueue",
    }
}
# Forks its work horses with the certificate renderer already built.
RQ = {"WORKER_CLASS": "lms.tasks_backend.WarmWorker"}
# What a worker prepares once before its first job (dotted paths, no arguments).
LMS_WORKER_WARM_UPS = ["certificates.pdf.warm_up"]
# Tasks RQ may run again when a worker dies: each finds what a previous run did
# (the stored PDF, the e-mail record's state) and does not do it twice. Tasks not
# safe to repeat (invitations resend every message of a batch) stay out.
LMS_TASKS_SAFE_TO_RETRY = [
    "certificates.tasks.render_certificate",
    "notifications.tasks.deliver_email",
    "people.tasks.apply_people_import",
]
# Job timeouts (seconds) of tasks that may run longer than the queue's default:
# a 76,000-row people import takes minutes.
LMS_TASKS_TIMEOUTS = {"people.tasks.apply_people_import": 3600}


def tasks_settings(backend: str) -> dict:
    """The TASKS setting for a backend path; the RQ backend needs its queue."""
    config: dict = {"BACKEND": backend}
    if backend in ("django_tasks_rq.RQBackend", "lms.tasks_backend.ResilientRQBackend"):
        config["QUEUES"] = ["default"]
    return {"default": config}


# Background work goes through the Tasks API. Immediate by default; production
# chooses a real queue with TASKS_BACKEND (`lms.tasks_backend.ResilientRQBackend`,
# RQ that runs a task inline while Redis is down, with
# `manage.py rqworker --job-class django_tasks_rq.Job default`, or
# `django_tasks_db.DatabaseBackend` with `manage.py db_worker`).
TASKS = tasks_settings(
    os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
)

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "formazione@example.com")

# Demo users and content may only be created where this is on (never production).
LMS_DEMO_ALLOWED = True

# Every line carries the request's ID; LOG_FORMAT=json (production's default)
# writes one JSON object per line for the log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"
        },
        "json": {"()": "lms.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Employee CSV imports: 50,000 rows are about 6 MB.
LMS_IMPORT_MAX_BYTES = int(os.environ.get("LMS_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# Seconds without a committed batch after which an import in progress has lost
# its worker: its status page says it stopped and offers "Riprendi". A batch of
# 1,000 rows takes seconds; the re-plan before the first one, under a minute
# for 50,000 rows.
LMS_IMPORT_STALE_AFTER = int(os.environ.get("LMS_IMPORT_STALE_AFTER", 15 * 60))

# REST API: requests per token (cache-based, shared by all workers).
LMS_API_RATE = os.environ.get("LMS_API_RATE", "600/m")
