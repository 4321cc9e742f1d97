"""Rollout grace: a certification that becomes required for people already
employed counts their first due date from the day it started applying to them,
not from a hire date years ago (docs/compliance.md)."""

from datetime import date, timedelta

from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from certifications import derivation as d
from certifications.models import CertificationStatus
from people import roles
from people.models import Department
from tests.builders import make_user

REQUIREMENT = d.Requirement(12, 60, frozenset({1}), frozenset({2}))
DAYS = REQUIREMENT.due_days_after_hire
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def newcomer(hire, since, today, requirement=REQUIREMENT):
    """The derivation for someone with no certificate and no enrolment, hired
    on `hire`, under a requirement that applies to them since `since`."""
    return d.derive(
        requirement=requirement,
        certificates=[],
        enrollments=[],
        hire_date=hire,
        today=today,
        required_since=since,
    )


def first_due(hire, since, today, requirement=REQUIREMENT):
    return newcomer(hire, since, today, requirement).due_date


@given(hire=dates, since=dates, today=dates, days=st.integers(0, 365))
def test_first_due_date_is_never_before_the_rollout_plus_the_days(
    hire, since, today, days
):
    requirement = d.Requirement(12, 60, frozenset({1}), frozenset(), False, days)
    due = first_due(hire, since, today, requirement)
    assert due >= since + timedelta(days=days)
    assert due >= hire + timedelta(days=days)
    if hire >= since:
        # Hired after the rollout: the usual days from the hire date.
        assert due == hire + timedelta(days=days)
    else:
        assert due == since + timedelta(days=days)


@given(hire=dates, since=dates)
def test_nobody_is_overdue_on_the_day_a_certification_starts_applying(hire, since):
    assert newcomer(hire, since, today=since).status != d.OVERDUE


@given(hire=dates, today=dates)
def test_without_a_rollout_date_the_hire_date_counts(hire, today):
    assert first_due(hire, None, today) == hire + timedelta(days=DAYS)


def run_daily(day, travel, commit):
    travel(day)
    with commit():
        call_command("lms_daily", "--today", day.isoformat())


def statuses(people, certification):
    rows = CertificationStatus.objects.filter(
        user__in=people, certification=certification
    )
    return {row.user.email: (row.status, row.due_date) for row in rows}


def test_tenured_people_are_not_overdue_after_a_rule_is_added(
    certification, travel, commit, login, hr
):
    """Seven agents hired in 2021; the certification becomes required for their
    department on 2 March 2026. After the daily run they have until 1 April
    (30 days), and are overdue only from 2 April; someone hired after the rollout
    counts the days from the hire date as always."""
    certification.required_for_everyone = False
    certification.save()
    care = Department.objects.create(name="Assistenza", code="assistenza")
    tenured = [
        make_user(
            f"agente{n}@test.it",
            role=roles.LEARNER,
            department=care,
            hire_date=date(2021, 4, 3),
        )
        for n in range(7)
    ]
    run_daily(date(2026, 3, 1), travel, commit)
    assert statuses(tenured, certification) == {}  # not required yet
    travel(date(2026, 3, 2))
    with commit():
        certification.required_departments.add(care)
        certification.save()
    run_daily(date(2026, 3, 2), travel, commit)
    due = date(2026, 4, 1)
    assert set(statuses(tenured, certification).values()) == {("not_started", due)}
    page = login(hr).get("/hr/conformita/").content.decode()
    assert 'status--overdue"' not in page
    assert "entro il 01/04/2026" in page and "03/05/2021" not in page
    # Later daily runs keep the rollout date.
    run_daily(date(2026, 4, 1), travel, commit)
    assert set(statuses(tenured, certification).values()) == {("not_started", due)}
    newcomer = make_user(
        "nuova@test.it", role=roles.LEARNER, department=care, hire_date=date(2026, 4, 6)
    )
    run_daily(date(2026, 4, 2), travel, commit)
    assert set(statuses(tenured, certification).values()) == {("overdue", due)}
    run_daily(date(2026, 4, 6), travel, commit)
    assert statuses([newcomer], certification) == {
        "nuova@test.it": ("not_started", date(2026, 5, 6))
    }


def test_a_tenured_person_imported_has_the_days_from_the_import(
    certification, travel, commit, login, hr
):
    """HR imports an agent hired in 2019: the certification required of every
    agent applies to them from the import, not from 2019."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    travel(date(2026, 3, 2))
    client = login(hr)
    content = (
        b"employee_id,first_name,last_name,email,department,job_title,hire_date,"
        b"manager_employee_id,language\n"
        b"T1,Tina,Storica,tina@test.it,Assistenza,Agente,2019-05-01,,it\n"
    )
    response = client.post(
        "/hr/persone/importa/",
        {"file": SimpleUploadedFile("persone.csv", content)},
    )
    assert response.status_code == 302
    with commit():
        client.post(response["Location"], {}, follow=True)
    run_daily(date(2026, 3, 3), travel, commit)
    row = CertificationStatus.objects.get(user__email="tina@test.it")
    assert (row.status, row.due_date) == ("not_started", date(2026, 4, 1))
    assert row.required_since == date(2026, 3, 2)
