from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "observations"
    verbose_name = _("Osservazioni sul lavoro")

    def ready(self):
        # Importing them connects their @receiver handlers.
        from . import privacy, receivers  # noqa: F401
