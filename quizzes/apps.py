from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quiz")

    def ready(self):
        from content import tree
        from lms.receivers import on_save_or_delete

        from .models import Question, QuestionOption, Quiz, QuizDraw, QuizItem, Topic

        # A new attempt's questions are remembered with the published content.
        on_save_or_delete(
            tree.changed,
            Quiz,
            QuizItem,
            QuizDraw,
            Question,
            QuestionOption,
            Topic,
            uid="quiz_questions",
        )
