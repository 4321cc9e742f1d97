"""Trainer views in the Wagtail admin: item analysis and the CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .analysis import quiz_analysis, response_text, safe_cell
from .models import Answer, Quiz


def can_analyse(user) -> bool:
    return user.is_active and user.has_perm("quizzes.change_quiz")


def _quiz_for(request, quiz_id: int) -> Quiz:
    if not can_analyse(request.user):
        raise PermissionDenied
    return get_object_or_404(Quiz, pk=quiz_id)


def item_analysis(request, quiz_id: int):
    quiz = _quiz_for(request, quiz_id)
    return TemplateResponse(
        request,
        "quizzes/admin/item_analysis.html",
        {
            "quiz": quiz,
            "analysis": quiz_analysis(quiz=quiz),
            "header_icon": "table",
            "page_title": _("Analisi delle domande"),
            "page_subtitle": quiz.title,
        },
    )


class _Echo:
    def write(self, value):
        return value


def _csv_rows(quiz: Quiz, *, identify: bool):
    """identify: names and e-mails only for those allowed to see people (HR);
    trainers get a stable learner number, enough for item analysis."""
    yield [
        _("tentativo"),
        _("discente"),
        _("e-mail"),
        _("persona"),
        _("corso"),
        _("iniziato il"),
        _("consegnato il"),
        _("stato"),
        _("punteggio (%)"),
        _("superato"),
        _("tempo scaduto"),
        _("posizione"),
        _("id domanda"),
        _("domanda"),
        _("tipo"),
        _("risposta"),
        _("credito"),
        _("corretta"),
    ]
    answers = (
        Answer.objects.filter(attempt__quiz=quiz)
        .select_related("attempt__user", "attempt__course")
        .order_by("attempt__started_at", "attempt_id", "position")
    )
    for answer in answers.iterator(chunk_size=500):
        attempt = answer.attempt
        yield [
            attempt.pk,
            attempt.user_id,
            attempt.user.email if identify else "",
            attempt.user.get_full_name() if identify else "",
            attempt.course.title,
            timezone.localtime(attempt.started_at).isoformat(timespec="seconds"),
            timezone.localtime(attempt.submitted_at).isoformat(timespec="seconds")
            if attempt.submitted_at
            else "",
            attempt.get_state_display(),
            attempt.score if attempt.score is not None else "",
            _("sì") if attempt.passed else _("no"),
            _("sì") if attempt.expired else _("no"),
            answer.position,
            answer.question_id or "",
            answer.question_text,
            answer.get_kind_display(),
            response_text(answer.kind, answer.snapshot, answer.response),
            answer.credit,
            _("sì") if answer.is_correct else _("no"),
        ]


def attempts_csv(request, quiz_id: int):
    """Every attempt and answer, streamed; no cell can start a formula."""
    quiz = _quiz_for(request, quiz_id)
    writer = csv.writer(_Echo())
    identify = request.user.has_perm("people.view_user")
    rows = (
        writer.writerow([safe_cell(c) for c in row])
        for row in _csv_rows(quiz, identify=identify)
    )
    response = StreamingHttpResponse(
        _with_bom(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"quiz-{quiz.pk}-tentativi.csv"
    )
    return response


def _with_bom(rows):
    # Excel reads UTF-8 only with a byte-order mark.
    yield "\ufeff"
    yield from rows
