"""Writes for certifications: keeping the summary table equal to the derivation,
the terms of a renewal, and the daily expiry and refresher assignment."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment
from courses.selectors import cycle_completed_ids
from courses.services import enrollment_create, enrollment_restart, enrollment_withdraw
from courses.signals import CertificateTerms

from . import derivation, selectors
from .models import Certification, CertificationStatus, StatusCount
from .signals import certification_status_changed

REFRESHER_NEEDS_CERTIFICATION = _(
    "Il corso di aggiornamento è riservato a chi ha già la certificazione "
    "«{certification}». Inizia dal corso di inserimento «{onboarding}»."
)
RENEWAL_REASON = _("Rinnovo della certificazione «{certification}».")
ONBOARDING_AGAIN_REASON = _(
    "La certificazione «{certification}» è scaduta: va conseguita di nuovo."
)
REFRESHER_WITHDRAWN_REASON = _(
    "La certificazione «{certification}» è scaduta: al suo posto va ripetuta la "
    "formazione iniziale."
)
REFRESHER_NEEDS_ONBOARDING = _(
    "La tua certificazione «{certification}» è scaduta e va conseguita di nuovo: "
    "segui il corso di inserimento «{onboarding}»."
)


@dataclass(frozen=True)
class Difference:
    user_id: int
    certification_id: int
    stored: str | None
    derived: str | None

    def __str__(self):
        return (
            f"user {self.user_id} · certification {self.certification_id}: "
            f"{self.stored or '-'} -> {self.derived or '-'}"
        )


def _row_values(derived: derivation.Derived) -> tuple:
    return (
        derived.status,
        derived.valid_until,
        derived.due_date,
        derived.certificate_id,
    )


def certification_status_sync(
    *,
    today: date,
    user_ids=None,
    certification: Certification | None = None,
    dry_run: bool = False,
) -> list[Difference]:
    """Make the summary table say what the derivation says, for these people
    (everyone when None), and return what differed.

    Also the repair path: run over everyone it rebuilds the whole table. The
    rows of a certification no longer live go, as for a person it no longer
    concerns.
    """
    plans = selectors.certification_plans(certification=certification)
    if not plans:
        # No certification is live: every completion and quiz passed spares a
        # transaction that would only find nothing, unless rows are left of a
        # certification since withdrawn (unpublished), which go.
        left = CertificationStatus.objects.all()
        if certification is not None:
            left = left.filter(certification=certification)
        if not left.exists():
            return []
    return _status_sync(
        today=today,
        user_ids=user_ids,
        certification=certification,
        plans=plans,
        dry_run=dry_run,
    )


@transaction.atomic
def _status_sync(
    *,
    today: date,
    user_ids,
    certification: Certification | None,
    plans: list,
    dry_run: bool,
) -> list[Difference]:
    rows = CertificationStatus.objects.all()
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    if certification is not None:
        rows = rows.filter(certification=certification)
    stored = {(r.user_id, r.certification_id): r for r in rows}
    # A pair first found required today is required since today: the rollout
    # date of its first due date (`derivation.derive`).
    derived = selectors.derived_statuses(
        today=today,
        user_ids=user_ids,
        plans=plans,
        required_since={key: row.required_since for key, row in stored.items()},
    )
    differences, create, update, delete = [], [], [], []
    for key, value in derived.items():
        row = stored.get(key)
        if row is None:
            differences.append(Difference(*key, None, value.status))
            create.append(
                CertificationStatus(
                    user_id=key[0],
                    certification_id=key[1],
                    status=value.status,
                    valid_until=value.valid_until,
                    due_date=value.due_date,
                    certificate_id=value.certificate_id,
                    required_since=today,
                )
            )
            continue
        current = (row.status, row.valid_until, row.due_date, row.certificate_id)
        if current != _row_values(value):
            differences.append(Difference(*key, row.status, value.status))
            row.status, row.valid_until, row.due_date, row.certificate_id = _row_values(
                value
            )
            row.updated_at = timezone.now()
            update.append(row)
    for key, row in stored.items():
        if key not in derived:
            differences.append(Difference(*key, row.status, None))
            delete.append(row.pk)
    if not dry_run:
        CertificationStatus.objects.bulk_create(create)
        CertificationStatus.objects.bulk_update(
            update,
            ["status", "valid_until", "due_date", "certificate", "updated_at"],
        )
        CertificationStatus.objects.filter(pk__in=delete).delete()
        if differences:
            certification_status_changed.send_on_commit(
                sender="certifications", differences=differences
            )
    return differences


@transaction.atomic
def status_counts_record(*, day: date) -> int:
    """Record how the status table stands as `day`'s figures, unless that day
    is recorded already, and return how many rows were written.

    The daily job calls it for yesterday before it moves anything on: the table
    then holds everything that happened yesterday and yesterday's own
    transitions, and nothing of today. The first run of a day records it; the
    job may run again that day without changing what was recorded.
    """
    if StatusCount.objects.filter(day=day).exists():
        return 0
    groups = (
        CertificationStatus.objects.filter(user__is_active=True)
        .values("certification_id", "user__department_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    written = StatusCount.objects.bulk_create(
        StatusCount(
            day=day,
            certification_id=group["certification_id"],
            department_id=group["user__department_id"],
            status=group["status"],
            count=group["count"],
        )
        for group in groups
    )
    return len(written)


def certification_issue_terms(*, enrollment) -> CertificateTerms | None:
    """Expiry and predecessor of the certificate a completion is about to issue
    (None when the course grants no certification).

    Onboarding counts from today; a refresher from the later of today and the
    current certificate's expiry, so renewing early never loses time. The
    certificate renewed is superseded, and stays verifiable as such.
    """
    certification, renews = selectors.certification_of_course(course=enrollment.course)
    if certification is None:
        return None
    today = timezone.localdate()
    plan = selectors.certification_plans(certification=certification)[0]
    certificates = selectors.certificate_facts(
        user_ids=[enrollment.user_id], course_ids=plan.course_ids
    )
    current = derivation.current_certificate(
        plan.requirement, certificates[enrollment.user_id]
    )
    start = today
    if (
        renews
        and current is not None
        and current.expires_at is not None
        and current.expires_at > today
    ):
        start = current.expires_at
    months = certification.validity_months
    expires_at = derivation.add_months(start, months) if months else None
    lapsed = (
        current is not None
        and current.expires_at is not None
        and (current.expires_at < today)
    )
    if renews and lapsed and certification.lapsed_requires_onboarding:
        # Started before the lapse, finished after: the course certificate is
        # issued, but it does not renew the certification (onboarding does).
        return CertificateTerms(expires_at=expires_at)
    supersedes = None
    if current is not None:
        previous = Certificate.objects.get(pk=current.id)
        if previous.status in (Certificate.Status.VALID, Certificate.Status.EXPIRED):
            supersedes = previous
    return CertificateTerms(expires_at=expires_at, supersedes=supersedes)


def certification_refresher_check(*, user, course) -> None:
    """Refuse a refresher to whoever never held the certification (or, when the
    certification says so, let it lapse): they are pointed to onboarding."""
    certification, renews = selectors.certification_of_course(course=course)
    if certification is None or not renews:
        return
    plan = selectors.certification_plans(certification=certification)[0]
    certificates = selectors.certificate_facts(
        user_ids=[user.pk], course_ids=plan.course_ids
    )
    current = derivation.current_certificate(plan.requirement, certificates[user.pk])
    onboarding = certification.onboarding_courses.order_by("path").first()
    names = {
        "certification": certification.name,
        "onboarding": onboarding.title if onboarding else "-",
    }
    if current is None:
        raise ValidationError(REFRESHER_NEEDS_CERTIFICATION.format(**names))
    lapsed = current.expires_at is not None and current.expires_at < (
        timezone.localdate()
    )
    if lapsed and certification.lapsed_requires_onboarding:
        raise ValidationError(REFRESHER_NEEDS_ONBOARDING.format(**names))


def refreshers_assign(
    *, today: date, user_ids=None, certification: Certification | None = None
) -> list:
    """Assign the refresher to everyone inside the renewal window who has no
    open enrolment in it, due on the expiry date. Whoever completed the
    refresher before (last year's renewal) takes it again: the same enrolment
    starts a new cycle.

    When a certification requires onboarding again after a lapse, whoever let
    it lapse gets the onboarding course the same way (a new enrolment, or a new
    cycle of the completed one), due in the certification's days to earn it.
    Its unfinished refresher is withdrawn then (kept as history): it can no
    longer renew anything. Idempotent: an open enrolment is left alone.
    `certification`: that one's rows only (after its rules were published).
    Each is marked `Enrollment.Source.RENEWAL`: withdrawing the certification
    takes back exactly these. Returns the enrolments assigned or restarted."""
    Status = CertificationStatus.Status
    rows = CertificationStatus.objects.filter(
        Q(status=Status.EXPIRING, valid_until__isnull=False)
        | Q(status=Status.EXPIRED, certification__lapsed_requires_onboarding=True),
        certification__live=True,
    ).select_related("user", "certification", "certificate")
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    if certification is not None:
        rows = rows.filter(certification=certification)
    rows = list(rows)
    if not rows:
        return []
    plans = {p.certification.pk: p for p in selectors.certification_plans()}
    courses_for, refreshers_of_lapsed = {}, {}
    for row in rows:
        requirement = plans[row.certification_id].requirement
        if row.status == Status.EXPIRING:
            courses_for[row.pk] = sorted(requirement.refresher_course_ids)
        else:
            courses_for[row.pk] = sorted(requirement.onboarding_course_ids)
            refreshers_of_lapsed[row.pk] = set(requirement.refresher_course_ids) - set(
                requirement.onboarding_course_ids
            )
    all_course_ids = set().union(
        *map(set, courses_for.values()), *refreshers_of_lapsed.values()
    )
    # A refresher shared with another certification still inside its renewal
    # window stays: it still renews that one.
    still_renewing = {
        (row.user_id, pk)
        for row in rows
        if row.status == Status.EXPIRING
        for pk in courses_for[row.pk]
    }
    enrollments = {
        (e.user_id, e.course_id): e
        for e in Enrollment.objects.filter(
            user_id__in={r.user_id for r in rows}, course_id__in=all_course_ids
        )
    }
    completed = cycle_completed_ids(enrollments=enrollments.values())
    live = CoursePage.objects.live().in_bulk(all_course_ids)
    assigned = []
    for row in rows:
        course_ids = [pk for pk in courses_for[row.pk] if pk in live]
        if not course_ids:
            continue
        # Inside the window because of a policy change, not of expiry: that is
        # renewed through the policy review, not the refresher.
        if (
            row.status == Status.EXPIRING
            and row.certificate is not None
            and row.certificate.expires_at != row.valid_until
        ):
            continue
        names = {"certification": row.certification.name}
        # Lapsed, and onboarding is the way back: an unfinished refresher is
        # withdrawn (kept as history), not left open and overdue.
        for pk in refreshers_of_lapsed.get(row.pk, ()):
            stale = enrollments.get((row.user_id, pk))
            if (
                stale
                and stale.removed_at is None
                and stale.pk not in completed
                and (row.user_id, pk) not in still_renewing
            ):
                enrollment_withdraw(
                    enrollment=stale,
                    reason=str(REFRESHER_WITHDRAWN_REASON).format(**names),
                )
        mine = [
            enrollments[(row.user_id, pk)]
            for pk in course_ids
            if (row.user_id, pk) in enrollments
        ]
        if any(e.removed_at is None and e.pk not in completed for e in mine):
            continue  # Already on it.
        done = next((e for e in mine if e.pk in completed), None)
        if row.status == Status.EXPIRING:
            due_date = row.valid_until
            reason = str(RENEWAL_REASON).format(**names)
        else:
            due_date = today + timedelta(days=row.certification.due_days_after_hire)
            reason = str(ONBOARDING_AGAIN_REASON).format(**names)
        if done is not None:
            enrollment = enrollment_restart(
                enrollment=done,
                due_date=due_date,
                actor=None,
                reason=reason,
                source=Enrollment.Source.RENEWAL,
            )
        else:
            enrollment = enrollment_create(
                user=row.user,
                course=live[course_ids[0]],
                source=Enrollment.Source.RENEWAL,
                due_date=due_date,
            )
        assigned.append(enrollment)
    return assigned
