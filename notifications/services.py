"""Sending e-mails and in-app notifications, once per reason and day.

Every e-mail is first recorded (the unique constraint on person, reason and day
is the guarantee against duplicates, whatever runs twice), then delivered by a
task; a failed delivery stays recorded and is retried by the daily job.
"""

import logging
import smtplib
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from .defaults import DEFAULTS
from .models import EmailRecord, EmailTemplate, Kind, Notification
from .selectors import unread_changed

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def reminder_offsets() -> list[int]:
    return sorted(getattr(settings, "LMS_REMINDER_OFFSETS", (30, 7, 1)))


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _texts(kind: str, language: str) -> tuple[str, str]:
    template = EmailTemplate.objects.filter(kind=kind).first()
    suffix = "en" if language == "en" else "it"
    if template is not None:
        return getattr(template, f"subject_{suffix}"), getattr(
            template, f"body_{suffix}"
        )
    default = DEFAULTS[kind]
    return default[f"subject_{suffix}"], default[f"body_{suffix}"]


def _long_date(day: date | None, language: str) -> str:
    if day is None:
        return "-"
    text = formats.date_format(day, "j F Y")
    # Italian writes month names in lower case; Django's catalogue capitalises.
    return text.lower() if language == "it" else text


@transaction.atomic
def notification_send(
    *,
    user,
    kind: str,
    reason_key: str,
    today: date,
    course=None,
    due_date: date | None = None,
    items: str = "",
    link: str | None = None,
) -> EmailRecord | None:
    """Record and queue one e-mail (and its in-app notification), unless one was
    already recorded for this person and reason. Returns None when it was."""
    if EmailRecord.objects.filter(user=user, reason_key=reason_key).exists():
        return None
    language = user.preferred_language or "it"
    if link is None:
        link = absolute_url(course.get_url() if course is not None else "/")
    with translation.override(language):
        values = {
            "name": user.first_name or user.full_name,
            "course": course.title if course is not None else "",
            "due_date": _long_date(due_date, language),
            "days": (due_date - today).days if due_date else "",
            "link": link,
            "items": items,
        }
    subject_text, body_text = _texts(kind, language)
    subject = subject_text.format(**values).replace("\n", " ")
    body = body_text.format(**values)
    record = EmailRecord(
        user=user,
        to=user.email,
        kind=kind,
        reason_key=reason_key,
        date=today,
        subject=subject[:300],
        body=body,
        language=language,
    )
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        return None
    Notification.objects.create(
        user=user, kind=kind, title=subject[:300], body=body, url=link
    )
    unread_changed(user_id=user.pk)
    from .tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(record.pk))
    return record


def email_deliver(*, record: EmailRecord) -> EmailRecord:
    if record.outcome == EmailRecord.Outcome.SENT:
        return record
    html = render_to_string(
        "notifications/email.html",
        {"subject": record.subject, "body": record.body, "language": record.language},
    )
    message = EmailMultiAlternatives(
        subject=record.subject,
        body=record.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[record.to],
    )
    message.attach_alternative(html, "text/html")
    record.attempts += 1
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("E-mail %s not delivered: %s", record.pk, error)
        record.outcome = EmailRecord.Outcome.FAILED
        record.error = str(error)[:500]
    else:
        record.outcome = EmailRecord.Outcome.SENT
        record.sent_at = timezone.now()
        record.error = ""
    record.save(update_fields=["attempts", "outcome", "error", "sent_at"])
    return record


def emails_retry() -> int:
    """Queue again the failed e-mails that have attempts left."""
    from .tasks import deliver_email

    failed = list(
        EmailRecord.objects.filter(
            outcome=EmailRecord.Outcome.FAILED, attempts__lt=MAX_ATTEMPTS
        ).values_list("pk", flat=True)
    )
    for pk in failed:
        deliver_email.enqueue(pk)
    return len(failed)


def _open_enrollments():
    from certificates.models import Certificate
    from courses.models import Enrollment

    # Done means a certificate of the current cycle (a restarted enrolment's
    # earlier certificates are history).
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


def _already_sent(keys: set[str]) -> set[str]:
    return set(
        EmailRecord.objects.filter(reason_key__in=keys).values_list(
            "reason_key", flat=True
        )
    )


def reminders_send(*, today: date) -> list[EmailRecord]:
    """Before each due date, one reminder per offset crossed (30, 7, 1 days by
    default). A day the job did not run is caught up with the nearest offset only."""
    offsets = reminder_offsets()
    candidates = []
    for enrollment in _open_enrollments().filter(
        due_date__gt=today, due_date__lte=today + timedelta(days=max(offsets))
    ):
        left = (enrollment.due_date - today).days
        offset = min(o for o in offsets if o >= left)
        key = f"reminder:{enrollment.pk}:{enrollment.due_date}:{offset}"
        candidates.append((key, enrollment))
    sent = _already_sent({key for key, _e in candidates})
    records = []
    for key, enrollment in candidates:
        if key in sent:
            continue
        record = notification_send(
            user=enrollment.user,
            kind=Kind.REMINDER,
            reason_key=key,
            today=today,
            course=enrollment.course,
            due_date=enrollment.due_date,
        )
        if record is not None:
            records.append(record)
    return records


def _policy_candidates(*, today: date, first: date, last: date, kind: str):
    """(reason key, person, change) for policy reviews due between first and last
    that the person has not done yet."""
    from certifications.models import PolicyChange
    from certifications.policy import concerned_statuses

    offsets = reminder_offsets()
    for change in PolicyChange.objects.filter(
        due_date__gte=first, due_date__lte=last
    ).select_related("module"):
        for row in concerned_statuses(change=change):
            if kind == Kind.REMINDER:
                left = (change.due_date - today).days
                offset = min(o for o in offsets if o >= left)
                key = f"policy-reminder:{change.pk}:{offset}"
            else:
                key = f"policy-overdue:{change.pk}"
            yield key, row.user, change


def _policy_send(*, today: date, kind: str, first: date, last: date) -> list:
    from certifications.policy import change_url

    candidates = list(
        _policy_candidates(today=today, first=first, last=last, kind=kind)
    )
    sent = _already_sent({key for key, _u, _c in candidates})
    records = []
    for key, user, change in candidates:
        if key in sent:
            continue
        record = notification_send(
            user=user,
            kind=kind,
            reason_key=key,
            today=today,
            course=change.module,
            due_date=change.due_date,
            link=absolute_url(change_url(change)),
        )
        if record is not None:
            records.append(record)
    return records


def policy_reminders_send(*, today: date) -> list[EmailRecord]:
    """Reminders and the overdue notice for policy reviews, like for courses."""
    return _policy_send(
        today=today,
        kind=Kind.REMINDER,
        first=today + timedelta(days=1),
        last=today + timedelta(days=max(reminder_offsets())),
    ) + _policy_send(
        today=today,
        kind=Kind.OVERDUE,
        first=today - timedelta(days=8),
        last=today - timedelta(days=1),
    )


def overdue_send(*, today: date) -> list[EmailRecord]:
    """On the day a course becomes overdue (or at the latest a week after, if the
    job did not run)."""
    candidates = [
        (f"overdue:{e.pk}:{e.due_date}", e)
        for e in _open_enrollments().filter(
            due_date__lt=today, due_date__gte=today - timedelta(days=8)
        )
    ]
    sent = _already_sent({key for key, _e in candidates})
    records = []
    for key, enrollment in candidates:
        if key in sent:
            continue
        record = notification_send(
            user=enrollment.user,
            kind=Kind.OVERDUE,
            reason_key=key,
            today=today,
            course=enrollment.course,
            due_date=enrollment.due_date,
        )
        if record is not None:
            records.append(record)
    return records


def assignment_send(*, enrollment, today: date | None = None) -> EmailRecord | None:
    return notification_send(
        user=enrollment.user,
        kind=Kind.ASSIGNMENT,
        # Each cycle of an enrolment is an assignment of its own.
        reason_key=f"assignment:{enrollment.pk}"
        + (f":{enrollment.cycle}" if enrollment.cycle > 1 else ""),
        today=today or timezone.localdate(),
        course=enrollment.course,
        due_date=enrollment.due_date,
    )


def digests_send(*, today: date) -> list[EmailRecord]:
    """The weekly digests: each manager about their team, HR about everyone
    overdue, expired or expiring. Sent on the configured weekday (Monday)."""
    from certifications.models import CertificationStatus
    from people import roles
    from people.models import User

    if today.weekday() != getattr(settings, "LMS_DIGEST_WEEKDAY", 0):
        return []
    attention = (
        CertificationStatus.objects.filter(
            status__in=[
                CertificationStatus.Status.OVERDUE,
                CertificationStatus.Status.EXPIRED,
                CertificationStatus.Status.EXPIRING,
            ],
            user__is_active=True,
        )
        .select_related("user", "certification")
        .order_by("user__last_name", "user__first_name", "certification__name")
    )
    rows = list(attention)
    if not rows:
        return []
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    hr_people = list(User.objects.filter(is_active=True, groups__name=roles.HR))
    managers = User.objects.in_bulk(
        {r.user.manager_id for r in rows if r.user.manager_id}
    )
    link = absolute_url("/hr/")
    records = []

    def lines(statuses, language):
        with translation.override(language):
            return "\n".join(
                f"- {s.user.full_name}: {s.certification.name} · "
                f"{s.get_status_display()}"
                + (
                    f" ({formats.date_format(s.valid_until or s.due_date, 'j F Y')})"
                    if (s.valid_until or s.due_date)
                    else ""
                )
                for s in statuses
            )

    for manager_id, manager in managers.items():
        team = [r for r in rows if r.user.manager_id == manager_id]
        record = notification_send(
            user=manager,
            kind=Kind.MANAGER_DIGEST,
            reason_key=f"digest:manager:{week}",
            today=today,
            items=lines(team, manager.preferred_language),
            link=absolute_url("/notifiche/"),
        )
        if record is not None:
            records.append(record)
    for person in hr_people:
        record = notification_send(
            user=person,
            kind=Kind.HR_DIGEST,
            reason_key=f"digest:hr:{week}",
            today=today,
            items=lines(rows, person.preferred_language),
            link=link,
        )
        if record is not None:
            records.append(record)
    return records


@transaction.atomic
def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    unread_changed(user_id=user.pk)
    return unread.update(read_at=timezone.now())
