from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classroom"
    verbose_name = _("Aula e sessioni")

    def ready(self):
        # Importing them connects their @receiver handlers.
        from . import privacy, receivers  # noqa: F401
