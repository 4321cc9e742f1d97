"""How quizzes answer the hooks of the apps below."""

from django.dispatch import receiver

from content import signals as content_signals

from . import selectors, signals
from .models import Question


@receiver(content_signals.media_readers, dispatch_uid="quizzes_media_readers")
def question_media_readers(sender, user, references, **kwargs):
    """A question's recordings are for whoever may take a quiz that asks it:
    the apps offering quizzes say who that is (`quiz_takers`)."""
    question_ids = references.get(Question)
    if not question_ids or not user.is_authenticated:
        return False
    quiz_ids = selectors.quizzes_asking(question_ids=question_ids)
    if not quiz_ids:
        return False
    answers = signals.quiz_takers.send(sender="quizzes", user=user, quiz_ids=quiz_ids)
    return any(answer is True for _receiver, answer in answers)
