from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classroom"
    verbose_name = _("Aula e sessioni")

    def ready(self):
        from courses import signals as courses_signals
        from people import signals as people_signals

        from . import privacy, receivers

        connections = [
            (courses_signals.completion_requirements, receivers.session_requirements),
            (courses_signals.learner_tasks, receivers.session_tasks),
            (courses_signals.training_hours, receivers.session_hours),
            (people_signals.personal_data_requested, privacy.export_sessions),
        ]
        for signal, receiver in connections:
            signal.connect(receiver, dispatch_uid=f"classroom_{receiver.__name__}")
