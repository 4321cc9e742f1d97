"""Grading of quiz attempts. Grading happens here, on the server, only."""

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import Answer, Attempt, Question, Quiz

UNKNOWN_QUESTION = _(
    "La risposta riguarda una domanda che non fa parte di questo quiz."
)
UNKNOWN_OPTION = _("Una delle opzioni scelte non appartiene alla sua domanda.")
ONE_OPTION_ONLY = _("Per questa domanda puoi scegliere una sola risposta.")
EMPTY_QUIZ = _("Questo quiz non ha domande.")


def quiz_questions(*, quiz: Quiz) -> list[Question]:
    """The questions of a quiz in their order, with options prefetched."""
    items = quiz.items.select_related("question").prefetch_related("question__options")
    return [item.question for item in items.order_by("sort_order", "pk")]


def _grade(question: Question, selected: set[int]) -> bool:
    correct = {option.pk for option in question.options.all() if option.is_correct}
    return bool(selected) and selected == correct


@transaction.atomic
def attempt_submit(
    *, user, quiz: Quiz, course, answers: Mapping[int, Sequence[int]]
) -> Attempt:
    """Grade and store one attempt with every answer.

    Each answer keeps a snapshot of the question and its options as they were
    shown, so later edits to the bank never change this attempt or its score.
    Unanswered questions count as wrong; answers to questions outside the quiz,
    or options outside their question, are refused as a whole.
    """
    questions = quiz_questions(quiz=quiz)
    if not questions:
        raise ValidationError(EMPTY_QUIZ)
    by_id = {q.pk: q for q in questions}
    if set(answers) - set(by_id):
        raise ValidationError(UNKNOWN_QUESTION)
    for question_id, option_ids in answers.items():
        question = by_id[question_id]
        valid = {option.pk for option in question.options.all()}
        if not set(option_ids) <= valid:
            raise ValidationError(UNKNOWN_OPTION)
        if question.kind == Question.Kind.SINGLE and len(set(option_ids)) > 1:
            raise ValidationError(ONE_OPTION_ONLY)

    now = timezone.now()
    attempt = Attempt.objects.create(
        user=user, quiz=quiz, course=course, pass_mark=quiz.pass_mark, submitted_at=now
    )
    rows, correct_count = [], 0
    for position, question in enumerate(questions, start=1):
        selected = sorted({int(i) for i in answers.get(question.pk, [])})
        is_correct = _grade(question, set(selected))
        correct_count += is_correct
        rows.append(
            Answer(
                attempt=attempt,
                question=question,
                position=position,
                question_text=question.text,
                options_snapshot=[
                    {"id": o.pk, "text": o.text, "correct": o.is_correct}
                    for o in question.options.all()
                ],
                selected_option_ids=selected,
                is_correct=is_correct,
            )
        )
    Answer.objects.bulk_create(rows)
    attempt.score = (Decimal(100) * correct_count / len(questions)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    attempt.passed = attempt.score >= quiz.pass_mark
    attempt.save(update_fields=["score", "passed"])
    log(
        instance=attempt,
        action="lms.attempt.pass" if attempt.passed else "lms.attempt.fail",
        user=user,
        data={
            "quiz": quiz.title,
            "course": course.title,
            "score": str(attempt.score),
            "pass_mark": quiz.pass_mark,
            "correct": correct_count,
            "questions": len(questions),
        },
    )
    return attempt
