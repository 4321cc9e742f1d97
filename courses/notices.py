"""What the learning journey tells people, and when: the assignment of a course,
reminders before its due date and the notice once it is overdue. This module
decides who gets what and why; `notifications` records and delivers it."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from certificates.models import Certificate
from notifications.models import Kind
from notifications.services import (
    Candidate,
    notification_send,
    notifications_send_many,
)

from .models import Enrollment


def reminder_offsets() -> list[int]:
    return sorted(getattr(settings, "LMS_REMINDER_OFFSETS", (30, 7, 1)))


def reminder_offset(*, due_date: date, today: date) -> int:
    """The reminder a day falls in: the nearest offset at or above the days
    left, so a day the job did not run is caught up once, not once per offset
    missed."""
    left = (due_date - today).days
    return min(o for o in reminder_offsets() if o >= left)


def open_enrollments():
    """Enrolments with a due date whose current cycle has no certificate yet
    (a restarted enrolment's earlier certificates are history)."""
    done = (
        Certificate.objects.filter(enrollment=OuterRef("pk"))
        .filter(
            Q(enrollment__cycle_started_at__isnull=True)
            | Q(issued_at__gte=F("enrollment__cycle_started_at"))
        )
        .exclude(status=Certificate.Status.REVOKED)
    )
    return (
        Enrollment.objects.filter(
            due_date__isnull=False, removed_at__isnull=True, user__is_active=True
        )
        .exclude(Exists(done))
        .select_related("user", "course")
    )


def _options(enrollment: Enrollment) -> dict:
    return {"course": enrollment.course, "due_date": enrollment.due_date}


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
            Candidate(
                user=e.user,
                kind=Kind.REMINDER,
                reason_key=(
                    f"reminder:{e.pk}:{e.due_date}:"
                    f"{reminder_offset(due_date=e.due_date, today=today)}"
                ),
                options=_options(e),
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
            Candidate(
                user=e.user,
                kind=Kind.OVERDUE,
                reason_key=f"overdue:{e.pk}:{e.due_date}",
                options=_options(e),
            )
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
