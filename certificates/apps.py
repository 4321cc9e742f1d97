from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificati")

    def ready(self):
        # Importing it connects its @receiver handlers.
        from . import privacy  # noqa: F401
