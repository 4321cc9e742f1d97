from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certifications"
    verbose_name = _("Certificazioni")

    def ready(self):
        # Importing them connects their @receiver handlers.
        from . import notices, privacy, receivers  # noqa: F401
