from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifiche")

    def ready(self):
        from people import signals as people_signals

        from . import privacy

        people_signals.personal_data_requested.connect(
            privacy.export_messages, dispatch_uid="notifications_personal_data"
        )
