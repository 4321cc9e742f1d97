"""What the learning journey tells people, and when: the assignment of a course,
reminders before its due date, the notice once it is overdue and the in-app
notice of a failed quiz; once the course is done, those notices are marked
read. This module decides who gets what and why; `notifications` records and
delivers it."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates import signals as certificates_signals
from content.translation import activate_for, title_for
from lms.words import percent
from notifications.models import Kind
from notifications.services import (
    Candidate,
    notice_create,
    notification_send,
    notifications_mark_done,
    notifications_send_many,
)
from quizzes import signals as quizzes_signals

from . import signals
from .models import Enrollment
from .selectors import completing_certificates


def reminder_offsets() -> list[int]:
    return sorted(getattr(settings, "LMS_REMINDER_OFFSETS", (30, 7, 1)))


def reminder_offset(*, due_date: date, today: date) -> int:
    """The reminder a day falls in: the nearest offset at or above the days
    left, so a day the job did not run is caught up once, not once per offset
    missed."""
    left = (due_date - today).days
    return min(o for o in reminder_offsets() if o >= left)


def open_enrollments():
    """Enrolments with a due date whose course is not completed, by the rule
    the learner's pages show (`completing_certificates`)."""
    done = completing_certificates(enrollment=OuterRef("pk"))
    return (
        Enrollment.objects.filter(
            due_date__isnull=False, removed_at__isnull=True, user__is_active=True
        )
        .exclude(Exists(done))
        .select_related("user", "course")
    )


def _options(enrollment: Enrollment) -> dict:
    return {"course": enrollment.course, "due_date": enrollment.due_date}


def _candidate(enrollment: Enrollment, *, kind: str, reason_key: str) -> Candidate:
    return Candidate(
        user=enrollment.user,
        kind=kind,
        reason_key=reason_key,
        options=_options(enrollment),
    )


def reminders_send(*, today: date) -> list:
    """Before each due date, one reminder per offset crossed (30, 7, 1 days by
    default)."""
    offsets = reminder_offsets()
    due_soon = open_enrollments().filter(
        due_date__gt=today, due_date__lte=today + timedelta(days=max(offsets))
    )
    return notifications_send_many(
        today=today,
        candidates=(
            _candidate(
                e,
                kind=Kind.REMINDER,
                reason_key=(
                    f"reminder:{e.pk}:{e.due_date}:"
                    f"{reminder_offset(due_date=e.due_date, today=today)}"
                ),
            )
            for e in due_soon
        ),
    )


def overdue_send(*, today: date) -> list:
    """On the day a course becomes overdue (or at the latest a week after, if the
    job did not run)."""
    overdue = open_enrollments().filter(
        due_date__lt=today, due_date__gte=today - timedelta(days=8)
    )
    return notifications_send_many(
        today=today,
        candidates=(
            _candidate(e, kind=Kind.OVERDUE, reason_key=f"overdue:{e.pk}:{e.due_date}")
            for e in overdue
        ),
    )


def assignment_send(*, enrollment: Enrollment, today: date | None = None):
    """The assignment e-mail; each cycle of an enrolment is an assignment of
    its own."""
    return notification_send(
        user=enrollment.user,
        kind=Kind.ASSIGNMENT,
        reason_key=f"assignment:{enrollment.pk}"
        + (f":{enrollment.cycle}" if enrollment.cycle > 1 else ""),
        today=today or timezone.localdate(),
        **_options(enrollment),
    )


ANNOUNCED = {"create", "assign", "restart"}


@receiver(signals.enrollment_changed, dispatch_uid="courses_assignment_notice")
def enrollment_changed(sender, enrollment, action, **kwargs):
    """Receiver of `courses.signals.enrollment_changed`: an assignment (not a
    self-enrolment), or a new cycle of a completed one, is announced."""
    if action not in ANNOUNCED or enrollment.source == Enrollment.Source.SELF:
        return
    fresh = (
        Enrollment.objects.select_related("user", "course")
        .filter(pk=enrollment.pk)
        .first()
    )
    if fresh is not None:
        assignment_send(enrollment=fresh)


QUIZ_FAILED_TITLE = _("Quiz non superato: «{course}»")
QUIZ_FAILED_BODY = _(
    "Punteggio: {score}, soglia: {mark}. Il risultato indica i moduli da ripassare."
)


@receiver(quizzes_signals.attempt_graded, dispatch_uid="courses_failed_quiz_notice")
def attempt_graded(sender, attempt, **kwargs):
    """Receiver of `quizzes.signals.attempt_graded`: a failed attempt leaves an
    in-app notice that leads back to its result (what to review, when to
    retry). No e-mail: the learner has just seen the result."""
    if attempt.passed or attempt.course_id is None:
        return
    user = attempt.user
    with activate_for(user):
        title = str(QUIZ_FAILED_TITLE).format(course=title_for(attempt.course, user))
        body = str(QUIZ_FAILED_BODY).format(
            score=percent(attempt.score or 0), mark=percent(attempt.pass_mark)
        )
    notice_create(
        user=user,
        kind=Kind.QUIZ_FAILED,
        title=title,
        body=body,
        url=reverse("courses:attempt_result", args=[attempt.pk]),
        reason_key=f"quiz-failed:{attempt.course_id}:{attempt.pk}",
    )


@receiver(certificates_signals.certificate_issued, dispatch_uid="courses_done_notices")
def certificate_issued(sender, certificate, **kwargs):
    """Receiver of `certificates.signals.certificate_issued`: the course is done,
    so its assignment, reminders, overdue notice and failed-quiz notices are
    marked read (they stay in the list, no longer asking for anything)."""
    if certificate.enrollment_id is None:
        return
    enrollment_id = certificate.enrollment_id
    notifications_mark_done(
        user_id=certificate.user_id,
        reason_keys=[f"assignment:{enrollment_id}"],
        prefixes=[
            f"assignment:{enrollment_id}:",
            f"reminder:{enrollment_id}:",
            f"overdue:{enrollment_id}:",
            f"quiz-failed:{certificate.course_id}:",
        ],
    )
