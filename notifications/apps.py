from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifiche")

    def ready(self):
        # Importing it connects its @receiver handlers.
        from . import privacy  # noqa: F401
