"""The rule that turns a person's history into their certification status.

A pure function over plain facts, so it can be tested at every boundary and
compared against the summary table without a database.
Dates are inclusive: a certificate expiring on 1 March is valid all of 1 March
and expired from 2 March; a course due on 1 March is overdue from 2 March.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
CERTIFIED = "certified"
EXPIRING = "expiring"
REVIEW_REQUIRED = "review_required"
EXPIRED = "expired"
OVERDUE = "overdue"


def add_months(day: date, months: int) -> date:
    """Same day of the month, `months` later; the 31st becomes the month's last."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# The shortest a month of validity can be (February): a window measured against
# it is shorter than the validity whatever day the certificate is issued.
SHORTEST_MONTH_DAYS = 28


def longest_renewal_window(validity_months: int) -> int:
    """The longest renewal window a validity allows: one day less than the
    validity's shortest length, so a certificate is never "expiring" (its
    refresher assigned) on the day it is issued."""
    return validity_months * SHORTEST_MONTH_DAYS - 1


@dataclass(frozen=True)
class Requirement:
    validity_months: int | None
    renewal_window_days: int
    onboarding_course_ids: frozenset[int]
    refresher_course_ids: frozenset[int]
    lapsed_requires_onboarding: bool = False
    due_days_after_hire: int = 30


@dataclass(frozen=True)
class CertificateFact:
    id: int
    course_id: int
    issued_at: datetime
    expires_at: date | None
    revoked: bool = False


@dataclass(frozen=True)
class EnrollmentFact:
    course_id: int
    due_date: date | None
    started: bool = False
    removed: bool = False


@dataclass(frozen=True)
class PolicyChangeFact:
    """A material change to the policy text: whoever was certified before
    `created_at` must recertify by `due_date`."""

    created_at: datetime
    due_date: date


@dataclass(frozen=True)
class Derived:
    status: str
    valid_until: date | None = None
    due_date: date | None = None
    certificate_id: int | None = None
    policy_due: date | None = field(default=None, compare=False)


def current_certificate(
    requirement: Requirement, certificates: Iterable[CertificateFact]
) -> CertificateFact | None:
    """The certificate that counts now, following the history in order.

    Onboarding always counts; a refresher counts only on top of an earlier
    certificate, and when the certification requires onboarding after a lapse,
    only if taken before the earlier one expired.
    """
    current = None
    for fact in sorted(certificates, key=lambda c: (c.issued_at, c.id)):
        if fact.revoked:
            continue
        if fact.course_id in requirement.onboarding_course_ids:
            current = fact
        elif fact.course_id in requirement.refresher_course_ids:
            if current is None:
                continue
            lapsed = (
                current.expires_at is not None
                and fact.issued_at.date() > current.expires_at
            )
            if lapsed and requirement.lapsed_requires_onboarding:
                continue
            current = fact
    return current


def derive(
    *,
    requirement: Requirement,
    certificates: Iterable[CertificateFact],
    enrollments: Iterable[EnrollmentFact],
    hire_date: date | None,
    today: date,
    policy_changes: Iterable[PolicyChangeFact] = (),
    required_since: date | None = None,
) -> Derived:
    """`required_since`: the day the certification started applying to the
    person (a new or changed rule, an import of tenured staff). Without an
    assignment's due date, the first one is counted from the later of the hire
    date and that day: someone hired years before a rule existed gets the
    rule's days from its rollout, not a due date years in the past."""
    certificates = list(certificates)
    enrollments = [e for e in enrollments if not e.removed]
    current = current_certificate(requirement, certificates)
    if current is not None:
        until = current.expires_at
        # A policy change after the certificate keeps it valid only until the
        # recertification due date: a status of its own, since what is asked is
        # a review of the change, not the refresher of "In scadenza".
        pending = [
            p.due_date for p in policy_changes if p.created_at > current.issued_at
        ]
        policy_due = min(pending) if pending else None
        if policy_due is not None and (until is None or policy_due < until):
            if today > policy_due:
                return Derived(
                    OVERDUE, policy_due, policy_due, current.id, policy_due=policy_due
                )
            return Derived(
                REVIEW_REQUIRED,
                policy_due,
                policy_due,
                current.id,
                policy_due=policy_due,
            )
        if until is None:
            return Derived(CERTIFIED, None, None, current.id)
        if today > until:
            return Derived(EXPIRED, until, until, current.id)
        if (until - today).days <= requirement.renewal_window_days:
            return Derived(EXPIRING, until, until, current.id)
        return Derived(CERTIFIED, until, until, current.id)

    onboarding = [
        e for e in enrollments if e.course_id in requirement.onboarding_course_ids
    ]
    due_dates = [e.due_date for e in onboarding if e.due_date is not None]
    if due_dates:
        due = min(due_dates)
    elif hire_date is not None:
        start = max(hire_date, required_since) if required_since else hire_date
        due = date.fromordinal(start.toordinal() + requirement.due_days_after_hire)
    else:
        due = None
    if due is not None and today > due:
        return Derived(OVERDUE, None, due)
    if any(e.started for e in onboarding):
        return Derived(IN_PROGRESS, None, due)
    return Derived(NOT_STARTED, None, due)
