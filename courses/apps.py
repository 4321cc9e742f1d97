from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Corsi")

    def ready(self):
        from certificates.models import Certificate
        from lms.receivers import on_save_or_delete
        from quizzes.models import Attempt

        from . import signals
        from .models import Enrollment, ModuleCompletion

        # A person's progress, kept in the cache for their pages, is replaced
        # by any change to what it is computed from.
        on_save_or_delete(
            signals.progress_changed,
            Enrollment,
            ModuleCompletion,
            Attempt,
            Certificate,
            uid="lms_progress",
        )
