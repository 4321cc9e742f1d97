from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Corsi")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from certificates.models import Certificate
        from quizzes.models import Attempt

        from . import signals
        from .models import Enrollment, ModuleCompletion

        # A person's progress, kept in the cache for their pages, is replaced
        # by any change to what it is computed from.
        for model in (Enrollment, ModuleCompletion, Attempt, Certificate):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.progress_changed,
                    sender=model,
                    dispatch_uid=f"lms_progress_{model._meta.label_lower}_{signal}",
                )
