from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Corsi")

    def ready(self):
        from people import signals as people_signals

        from . import notices, privacy, receivers, signals

        signals.enrollment_changed.connect(
            notices.enrollment_changed, dispatch_uid="courses_assignment_notice"
        )
        people_signals.people_changed.connect(
            receivers.people_changed, dispatch_uid="courses_rules_for_people"
        )
        people_signals.personal_data_requested.connect(
            privacy.export_learning, dispatch_uid="courses_personal_data"
        )
