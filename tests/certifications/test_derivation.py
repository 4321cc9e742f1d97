"""The status rule at every boundary, as a pure function."""

from datetime import UTC, date, datetime

import pytest

from certifications import derivation as d

REQ = d.Requirement(
    validity_months=12,
    renewal_window_days=60,
    onboarding_course_ids=frozenset({1}),
    refresher_course_ids=frozenset({2}),
    due_days_after_hire=30,
)


def cert(id, course, issued, expires, revoked=False):
    at = datetime(issued.year, issued.month, issued.day, 10, tzinfo=UTC)
    return d.CertificateFact(id, course, at, expires, revoked)


def derive(today, certificates=(), enrollments=(), hire=None, req=REQ, policy=()):
    return d.derive(
        requirement=req,
        certificates=certificates,
        enrollments=enrollments,
        hire_date=hire,
        today=today,
        policy_changes=policy,
    )


EXPIRY = date(2027, 3, 1)
HELD = [cert(1, 1, date(2026, 3, 1), EXPIRY)]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 12, 30), d.CERTIFIED),  # the day before the window opens
        (date(2026, 12, 31), d.EXPIRING),  # first day of the 60-day window
        (date(2027, 2, 28), d.EXPIRING),  # the day before expiry
        (date(2027, 3, 1), d.EXPIRING),  # the day of expiry: still valid
        (date(2027, 3, 2), d.EXPIRED),  # the day after
    ],
)
def test_boundaries_around_expiry(today, status):
    result = derive(today, HELD)
    assert result.status == status
    assert result.valid_until == EXPIRY
    assert result.certificate_id == 1


def test_no_validity_never_expires():
    req = d.Requirement(None, 60, frozenset({1}), frozenset({2}))
    result = derive(date(2040, 1, 1), [cert(1, 1, date(2026, 3, 1), None)], req=req)
    assert result == d.Derived(d.CERTIFIED, None, None, 1)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 1, 31), d.NOT_STARTED),  # due day (hire + 30)
        (date(2026, 2, 1), d.OVERDUE),
    ],
)
def test_due_from_hire_date(today, status):
    result = derive(today, hire=date(2026, 1, 1))
    assert result.status == status
    assert result.due_date == date(2026, 1, 31)


def test_assignment_due_date_wins_over_hire_date_and_progress_shows():
    enrolled = [d.EnrollmentFact(1, date(2026, 3, 15), started=True)]
    result = derive(date(2026, 3, 1), enrollments=enrolled, hire=date(2026, 1, 1))
    assert (result.status, result.due_date) == (d.IN_PROGRESS, date(2026, 3, 15))
    assert derive(date(2026, 3, 16), enrollments=enrolled).status == d.OVERDUE


def test_removed_assignment_does_not_count():
    enrolled = [d.EnrollmentFact(1, date(2026, 3, 15), started=True, removed=True)]
    assert derive(date(2026, 3, 1), enrollments=enrolled).status == d.NOT_STARTED


def test_refresher_without_onboarding_does_not_count():
    only_refresher = [cert(5, 2, date(2026, 3, 1), date(2027, 3, 1))]
    assert derive(date(2026, 4, 1), only_refresher).status == d.NOT_STARTED


def test_renewal_moves_the_expiry_and_revocation_falls_back():
    renewed = [*HELD, cert(2, 2, date(2027, 1, 10), date(2028, 3, 1))]
    assert derive(date(2027, 3, 2), renewed).status == d.CERTIFIED
    revoked = [*HELD, cert(2, 2, date(2027, 1, 10), date(2028, 3, 1), revoked=True)]
    assert derive(date(2027, 3, 2), revoked).status == d.EXPIRED


def test_lapsed_refresher_counts_unless_onboarding_is_required():
    late = [*HELD, cert(2, 2, date(2027, 4, 1), date(2028, 4, 1))]
    assert derive(date(2027, 4, 2), late).status == d.CERTIFIED
    strict = d.Requirement(12, 60, frozenset({1}), frozenset({2}), True)
    assert derive(date(2027, 4, 2), late, req=strict).status == d.EXPIRED


def test_policy_change_shortens_validity_to_its_due_date():
    change = d.PolicyChangeFact(datetime(2026, 6, 1, tzinfo=UTC), date(2026, 7, 1))
    result = derive(date(2026, 6, 15), HELD, policy=[change])
    assert (result.status, result.valid_until) == (
        d.REVIEW_REQUIRED,
        date(2026, 7, 1),
    )
    assert derive(date(2026, 7, 2), HELD, policy=[change]).status == d.OVERDUE
    recertified = [*HELD, cert(3, 1, date(2026, 6, 20), date(2027, 6, 20))]
    assert derive(date(2026, 7, 2), recertified, policy=[change]).status == d.CERTIFIED


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert d.add_months(day, months) == expected
