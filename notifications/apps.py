from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifiche")

    def ready(self):
        from django.db.models.signals import post_save

        from courses.models import Enrollment

        from . import signals

        post_save.connect(
            signals.enrollment_assigned,
            sender=Enrollment,
            dispatch_uid="notifications_enrollment_assigned",
        )
