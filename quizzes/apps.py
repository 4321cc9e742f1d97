from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quiz")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from content import tree

        from .models import Question, QuestionOption, Quiz, QuizDraw, QuizItem, Topic

        # A new attempt's questions are remembered with the published content.
        for model in (Quiz, QuizItem, QuizDraw, Question, QuestionOption, Topic):
            for signal in (post_save, post_delete):
                signal.connect(
                    tree.changed,
                    sender=model,
                    dispatch_uid=f"quiz_questions_{model._meta.label_lower}_{signal}",
                )
