from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = _("Questionari di gradimento")

    def ready(self):
        from courses import signals as courses_signals
        from people import signals as people_signals

        from . import privacy, receivers

        courses_signals.enrollment_completed.connect(
            receivers.enrollment_completed, dispatch_uid="surveys_course_done"
        )
        courses_signals.learner_tasks.connect(
            receivers.survey_tasks, dispatch_uid="surveys_learner_tasks"
        )
        people_signals.personal_data_requested.connect(
            privacy.export_surveys, dispatch_uid="surveys_personal_data"
        )
