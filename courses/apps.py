from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Corsi")

    def ready(self):
        from certificates import signals as certificates_signals
        from people import signals as people_signals
        from quizzes import signals as quizzes_signals

        from . import notices, privacy, receivers, signals

        signals.enrollment_changed.connect(
            notices.enrollment_changed, dispatch_uid="courses_assignment_notice"
        )
        quizzes_signals.attempt_graded.connect(
            notices.attempt_graded, dispatch_uid="courses_failed_quiz_notice"
        )
        certificates_signals.certificate_issued.connect(
            notices.certificate_issued, dispatch_uid="courses_done_notices"
        )
        people_signals.people_changed.connect(
            receivers.people_changed, dispatch_uid="courses_rules_for_people"
        )
        signals.training_hours.connect(
            receivers.training_hours, dispatch_uid="courses_module_hours"
        )
        people_signals.personal_data_requested.connect(
            privacy.export_learning, dispatch_uid="courses_personal_data"
        )
