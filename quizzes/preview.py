"""The trainer's preview of a question: what the learner sees, from the
editor's unsaved form, through the same snapshot and page code as an attempt."""

from .forms import question_view
from .models import Answer, Question
from .services import question_snapshot

# Types whose options a learner sees shuffled: the preview also lists the
# solution, so that the trainer sees the order or the pairs they just edited.
SOLVED_IN_PREVIEW = (Question.Kind.ORDERING, Question.Kind.MATCHING)


def question_preview(question: Question) -> dict:
    snapshot = question_snapshot(question=question)
    answer = Answer(
        position=1,
        kind=question.kind,
        question_text=question.text,
        snapshot=snapshot,
    )
    solution = []
    if question.kind in SOLVED_IN_PREVIEW:
        solution = sorted(snapshot["options"], key=lambda option: option["rank"])
    return {
        "questions": [question_view(answer)],
        "preview_question": question,
        "solution": solution,
    }
