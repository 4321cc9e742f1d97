from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quiz")

    def ready(self):
        from wagtail.models import ReferenceIndex

        from .models import Question

        # A question's recordings go to who may take its quizzes, found through
        # the reference index (`content.media`): index questions from the
        # start, not only once the admin's snippet views are registered (a
        # command or a task worker never loads them).
        ReferenceIndex.register_model(Question)
        # Importing them connects their @receiver handlers.
        from . import privacy, receivers  # noqa: F401
