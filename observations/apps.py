from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "observations"
    verbose_name = _("Osservazioni sul lavoro")

    def ready(self):
        from courses import signals as courses_signals
        from people import signals as people_signals

        from . import privacy, receivers

        connections = [
            (courses_signals.completion_requirements, receivers.requirements),
            (courses_signals.learner_tasks, receivers.tasks),
            (courses_signals.training_hours, receivers.hours),
            (people_signals.personal_data_requested, privacy.export_observations),
        ]
        for signal, receiver in connections:
            signal.connect(receiver, dispatch_uid=f"observations_{receiver.__name__}")
