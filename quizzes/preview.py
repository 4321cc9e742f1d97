"""The trainer's preview of a question: what the learner sees, from the
editor's unsaved form, through the same snapshot and page code as an attempt."""

from .forms import question_view
from .models import Answer, Question
from .services import question_snapshot


def question_preview(question: Question) -> dict:
    answer = Answer(
        position=1,
        kind=question.kind,
        question_text=question.text,
        snapshot=question_snapshot(question=question),
    )
    return {"questions": [question_view(answer)], "preview_question": question}
