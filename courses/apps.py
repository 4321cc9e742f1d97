from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Corsi")

    def ready(self):
        # Importing them connects their @receiver handlers.
        from . import notices, privacy, receivers  # noqa: F401
