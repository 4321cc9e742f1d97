from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = _("Pacchetti SCORM")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Importing it connects its @receiver handler.
        from . import receivers  # noqa: F401
