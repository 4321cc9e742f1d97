from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quiz")

    def ready(self):
        from people import signals as people_signals

        from . import privacy

        people_signals.personal_data_requested.connect(
            privacy.export_attempts, dispatch_uid="quizzes_personal_data"
        )
