"""Earning and renewing through the real learning services; the summary table
follows every change through the on-commit receivers."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from certificates.models import Certificate
from certifications.models import CertificationStatus
from certifications.services import (
    REFRESHER_NEEDS_CERTIFICATION,
    REFRESHER_NEEDS_ONBOARDING,
)
from courses.services import enrollment_create


def status_of(user, certification):
    return CertificationStatus.objects.get(user=user, certification=certification)


def assert_enrolment_refused(agent, refresher, certification, message):
    """Enrolling in the refresher is refused with `message`, which names the
    certification and its onboarding course."""
    with pytest.raises(ValidationError) as error:
        enrollment_create(user=agent, course=refresher)
    assert error.value.messages == [
        message.format(certification=certification.name, onboarding="Inserimento")
    ]


def test_onboarding_certificate_expires_after_validity(
    agent, certification, agent_passes
):
    certificate = agent_passes(date(2026, 3, 1))
    assert certificate.expires_at == date(2027, 3, 1)
    row = status_of(agent, certification)
    assert (row.status, row.valid_until, row.certificate) == (
        "certified",
        date(2027, 3, 1),
        certificate,
    )


def test_early_renewal_keeps_the_remaining_time(
    agent, certification, refresher, agent_passes
):
    first = agent_passes(date(2026, 3, 1))
    # Inside the window, 45 days early.
    renewed = agent_passes(date(2027, 1, 15), refresher)
    assert renewed.expires_at == date(2028, 3, 1)
    assert renewed.supersedes == first
    first.refresh_from_db()
    assert first.status == Certificate.Status.SUPERSEDED
    assert status_of(agent, certification).valid_until == date(2028, 3, 1)


def test_lapsed_renewal_counts_from_today(
    agent, certification, refresher, travel, commit, agent_passes
):
    agent_passes(date(2026, 3, 1))
    travel(date(2027, 2, 1))
    with commit():
        enrollment_create(user=agent, course=refresher)
    # Expired on 1 March; the refresher is still enough.
    renewed = agent_passes(date(2027, 4, 10), refresher)
    assert renewed.expires_at == date(2028, 4, 10)
    assert status_of(agent, certification).status == "certified"


def test_refresher_refused_to_whoever_never_held_it(agent, certification, refresher):
    assert_enrolment_refused(
        agent, refresher, certification, REFRESHER_NEEDS_CERTIFICATION
    )


def test_refresher_refused_after_lapse_when_onboarding_is_required(
    agent, certification, refresher, travel, agent_passes
):
    certification.lapsed_requires_onboarding = True
    certification.save()
    agent_passes(date(2026, 3, 1))
    travel(date(2027, 3, 2))
    assert_enrolment_refused(
        agent, refresher, certification, REFRESHER_NEEDS_ONBOARDING
    )


def test_refresher_page_shows_the_refusal(
    agent, certification, refresher, login, client
):
    response = login(agent).post(f"/corsi/{refresher.pk}/iscrizione/", follow=True)
    assert "Inizia dal corso di inserimento" in response.content.decode()
    assert not agent.enrollments.exists()


def test_department_change_adds_and_removes_the_requirement(
    agent, certification, commit, travel
):
    from people.models import Department

    travel(date(2026, 3, 1))
    certification.required_for_everyone = False
    certification.save()
    contact = Department.objects.create(name="Contact center", code="contact")
    certification.required_departments.add(contact)
    certification.save()
    with commit():
        agent.department = contact
        agent.save()
    assert status_of(agent, certification).status == "not_started"
    with commit():
        agent.department = None
        agent.save()
    assert not CertificationStatus.objects.filter(user=agent).exists()


def test_rebuild_command_repairs_and_reports(agent, certification, travel, capsys):
    travel(date(2026, 3, 1))
    call_command("rebuild_certification_status")
    assert "1 row(s) changed" in capsys.readouterr().out
    CertificationStatus.objects.update(status="expired")
    call_command("rebuild_certification_status", "--dry-run")
    out = capsys.readouterr().out
    assert "expired -> not_started" in out and "1 row(s) would change" in out
    call_command("rebuild_certification_status")
    assert status_of(agent, certification).status == "not_started"
    call_command("rebuild_certification_status")
    assert "0 row(s) changed" in capsys.readouterr().out


def test_refresher_finished_after_lapse_does_not_renew_when_onboarding_required(
    agent, certification, refresher, travel, commit, agent_passes
):
    certification.lapsed_requires_onboarding = True
    certification.save()
    first = agent_passes(date(2026, 3, 1))
    travel(date(2027, 2, 1))
    with commit():
        enrollment_create(user=agent, course=refresher)
    late = agent_passes(date(2027, 3, 10), refresher)
    assert late.supersedes is None
    first.refresh_from_db()
    assert first.status == Certificate.Status.VALID  # expiry is marked by the job
    assert status_of(agent, certification).status == "expired"
