from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certifications"
    verbose_name = _("Certificazioni")

    def ready(self):
        from certificates import signals as certificates_signals
        from courses import signals as courses_signals
        from people import signals as people_signals

        from . import notices, privacy, receivers, signals

        connections = [
            (courses_signals.enrollment_requested, receivers.enrollment_requested),
            (courses_signals.certificate_terms, receivers.certificate_terms),
            (courses_signals.prerequisites_held, receivers.prerequisites_held),
            (courses_signals.enrollment_changed, receivers.enrollment_changed),
            (
                courses_signals.completion_requirements,
                receivers.review_requirements,
            ),
            (courses_signals.learner_tasks, receivers.review_tasks),
            (certificates_signals.certificate_issued, receivers.certificate_changed),
            (certificates_signals.certificate_issued, notices.review_done),
            (
                certificates_signals.certificate_status_changed,
                receivers.certificate_changed,
            ),
            (people_signals.people_changed, receivers.people_changed),
            (certificates_signals.badge_achievement, receivers.badge_achievement),
            (
                certificates_signals.certificate_document,
                receivers.certificate_document,
            ),
            (signals.policy_change_published, notices.policy_change_announce),
            (people_signals.personal_data_requested, privacy.export_statuses),
        ]
        for signal, receiver in connections:
            signal.connect(receiver, dispatch_uid=f"certifications_{receiver.__name__}")
