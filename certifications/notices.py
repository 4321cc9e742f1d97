"""What certifications tell people, and when: the announcement of a policy
review, its reminders and overdue notice, and the weekly digests for managers
and HR. This module decides who gets what and why; `notifications` records and
delivers it."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone, translation

from certificates import signals as certificates_signals
from courses.notices import reminder_offset, reminder_offsets
from notifications.models import Kind
from notifications.services import (
    Candidate,
    notifications_mark_done,
    notifications_send_many,
)
from people import roles
from people.models import User

from . import signals
from .models import CertificationStatus, PolicyChange
from .policy import change_url, concerned_statuses


def _review_candidate(*, change: PolicyChange, user, kind: str, reason_key: str):
    return Candidate(
        user=user,
        kind=kind,
        reason_key=reason_key,
        options={
            "course": change.module,
            "due_date": change.due_date,
            "note": change.note,
            "link": change_url(change),
        },
    )


@receiver(
    signals.policy_change_published,
    dispatch_uid="certifications_policy_change_announce",
)
def policy_change_announce(sender, changes, **kwargs):
    """Receiver of `policy_change_published`: tell whoever must recertify."""
    today = timezone.localdate()
    notifications_send_many(
        today=today,
        candidates=(
            _review_candidate(
                change=change,
                user=row.user,
                kind=Kind.POLICY_REVIEW,
                reason_key=f"policy:{change.pk}",
            )
            for change in changes
            for row in concerned_statuses(change=change)
        ),
    )


@receiver(
    certificates_signals.certificate_issued, dispatch_uid="certifications_review_done"
)
def review_done(sender, certificate, **kwargs):
    """Receiver of `certificates.signals.certificate_issued`: a certificate of
    a certification issued after a policy change answers it (the review, or a
    renewal), so the change's notices to the holder are marked read."""
    changes = PolicyChange.objects.filter(
        Q(certification__onboarding_courses=certificate.course_id)
        | Q(certification__refresher_courses=certificate.course_id),
        created_at__lte=certificate.issued_at,
    ).values_list("pk", flat=True)
    keys, prefixes = [], []
    for pk in set(changes):
        keys += [f"policy:{pk}", f"policy-overdue:{pk}"]
        prefixes.append(f"policy-reminder:{pk}:")
    if keys:
        notifications_mark_done(
            user_id=certificate.user_id, reason_keys=keys, prefixes=prefixes
        )


def _policy_candidates(*, today: date, first: date, last: date, kind: str):
    """Reviews due between first and last that the person has not done yet."""
    for change in PolicyChange.objects.filter(
        due_date__gte=first, due_date__lte=last
    ).select_related("module"):
        for row in concerned_statuses(change=change):
            if kind == Kind.POLICY_REMINDER:
                offset = reminder_offset(due_date=change.due_date, today=today)
                key = f"policy-reminder:{change.pk}:{offset}"
            else:
                key = f"policy-overdue:{change.pk}"
            yield _review_candidate(
                change=change, user=row.user, kind=kind, reason_key=key
            )


def policy_reminders_send(*, today: date) -> list:
    """Reminders and the overdue notice for policy reviews, like for courses."""
    reminders = _policy_candidates(
        today=today,
        kind=Kind.POLICY_REMINDER,
        first=today + timedelta(days=1),
        last=today + timedelta(days=max(reminder_offsets())),
    )
    overdue = _policy_candidates(
        today=today,
        kind=Kind.POLICY_OVERDUE,
        first=today - timedelta(days=8),
        last=today - timedelta(days=1),
    )
    return notifications_send_many(today=today, candidates=[*reminders, *overdue])


def _lines(statuses, language: str) -> str:
    with translation.override(language):
        return "\n".join(
            f"- {s.user.full_name}: {s.certification.name} · {s.get_status_display()}"
            + (
                f" ({formats.date_format(s.valid_until or s.due_date, 'j F Y')})"
                if (s.valid_until or s.due_date)
                else ""
            )
            for s in statuses
        )


def digests_send(*, today: date) -> list:
    """The weekly digests: each manager about their team, HR about everyone
    overdue, expired or expiring. Sent on the configured weekday (Monday)."""
    if today.weekday() != getattr(settings, "LMS_DIGEST_WEEKDAY", 0):
        return []
    rows = list(
        CertificationStatus.objects.live()
        .filter(
            status__in=[
                CertificationStatus.Status.OVERDUE,
                CertificationStatus.Status.EXPIRED,
                CertificationStatus.Status.EXPIRING,
                CertificationStatus.Status.REVIEW_REQUIRED,
            ],
            user__is_active=True,
        )
        .select_related("user", "certification")
        .order_by("user__last_name", "user__first_name", "certification__name")
    )
    if not rows:
        return []
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    managers = User.objects.in_bulk(
        {r.user.manager_id for r in rows if r.user.manager_id}
    )

    def digest(person, audience: str, kind: str, statuses, link: str) -> Candidate:
        return Candidate(
            user=person,
            kind=kind,
            reason_key=f"digest:{audience}:{week}",
            options={
                "items": _lines(statuses, person.preferred_language),
                "link": link,
            },
        )

    candidates = [
        digest(
            manager,
            "manager",
            Kind.MANAGER_DIGEST,
            [r for r in rows if r.user.manager_id == manager_id],
            reverse("notifications:list"),
        )
        for manager_id, manager in managers.items()
    ]
    # By URL name: hr sits above this app, so its views are not imported.
    hr_dashboard = reverse("hr:dashboard")
    candidates += [
        digest(person, "hr", Kind.HR_DIGEST, rows, hr_dashboard)
        for person in User.objects.filter(is_active=True, groups__name=roles.HR)
    ]
    return notifications_send_many(today=today, candidates=candidates)
