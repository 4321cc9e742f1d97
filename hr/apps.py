from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrConfig(AppConfig):
    """HR's reporting: compliance, training status, transcripts, exports and the
    training-hours register. It reads every domain app below it and no domain app
    reads it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "hr"
    verbose_name = _("Risorse umane")
