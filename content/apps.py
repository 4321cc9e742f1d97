from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Contenuti")

    def ready(self):
        # Importing them connects their @receiver handlers.
        from . import fragments, translation  # noqa: F401
