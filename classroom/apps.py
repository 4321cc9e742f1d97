from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classroom"
    verbose_name = _("Aula e sessioni")

    def ready(self):
        from courses import signals as courses_signals

        from . import receivers

        connections = [
            (courses_signals.completion_requirements, receivers.session_requirements),
            (courses_signals.learner_tasks, receivers.session_tasks),
            (courses_signals.training_hours, receivers.session_hours),
        ]
        for signal, receiver in connections:
            signal.connect(receiver, dispatch_uid=f"classroom_{receiver.__name__}")
