from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certifications"
    verbose_name = _("Certificazioni")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from certificates.models import Certificate
        from certificates.signals import badge_achievement
        from courses.models import Enrollment, ModuleCompletion

        from . import signals

        badge_achievement.connect(
            signals.badge_achievement, dispatch_uid="certifications_badge_achievement"
        )
        for model in (Certificate, Enrollment):
            uid = f"certification_status_{model._meta.label_lower}"
            post_save.connect(signals.history_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(
                signals.history_changed, sender=model, dispatch_uid=f"{uid}_delete"
            )
        post_save.connect(
            signals.progress_changed,
            sender=ModuleCompletion,
            dispatch_uid="certification_status_progress",
        )
        post_save.connect(
            signals.person_changed,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="certification_status_person",
        )
        from people.models import User

        m2m_changed.connect(
            signals.roles_changed,
            sender=User.groups.through,
            dispatch_uid="certification_status_roles",
        )
        # What certifications require is remembered with the published content.
        from django.contrib.auth.models import Group

        from content import tree
        from lms.receivers import on_save_or_delete
        from people.models import Department

        from .models import Certification, PolicyChange

        on_save_or_delete(
            tree.changed,
            Certification,
            PolicyChange,
            Department,
            Group,
            uid="certification_plans",
        )
        for field in (
            "onboarding_courses",
            "refresher_courses",
            "required_departments",
            "required_groups",
        ):
            m2m_changed.connect(
                tree.changed,
                sender=getattr(Certification, field).through,
                dispatch_uid=f"certification_plans_{field}",
            )
