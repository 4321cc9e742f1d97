"""Renewing through the same course again: the enrolment starts a new cycle.

A yearly refresher is taken every year by the same person, so the same enrolment
row is restarted by the daily job; progress, locks, the quiz and its attempt
limits then count only the new cycle, while earlier completions, attempts and
certificates stay as history.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from certifications.daily import daily_run
from certifications.models import CertificationStatus
from courses.models import Enrollment, ModuleCompletion
from courses.selectors import QuizState, Status, course_modules, enrollment_progress
from courses.services import (
    CYCLE_NOT_COMPLETE,
    QUIZ_LOCKED,
    enrollment_create,
    enrollment_restart,
)
from notifications.models import EmailRecord
from quizzes.models import Attempt
from tests.builders import (
    make_certification,
    make_course,
    make_quiz,
    take_quiz,
)


def status_of(user, certification):
    row = CertificationStatus.objects.get(user=user, certification=certification)
    return row.status, row.valid_until


@pytest.fixture
def run(travel, commit):
    def _run(day):
        travel(day)
        with commit():
            return daily_run(today=day)

    return _run


@pytest.fixture
def certified(certification, agent_passes):
    first = agent_passes(date(2026, 3, 1))
    assert first.expires_at == date(2027, 3, 1)
    return first


def test_renews_twice_through_the_same_refresher(
    agent, certification, refresher, certified, run, agent_passes
):
    # Year one: the window opens, the job assigns the refresher, she renews.
    run(date(2027, 1, 1))
    enrollment = agent.enrollments.get(course=refresher)
    assert (enrollment.cycle, enrollment.due_date) == (1, date(2027, 3, 1))
    first_renewal = agent_passes(date(2027, 1, 20), refresher)
    assert first_renewal.expires_at == date(2028, 3, 1)
    assert first_renewal.supersedes == certified

    # Year two: the same refresher, the same enrolment, a new cycle.
    run(date(2027, 12, 31))
    assert agent.enrollments.filter(course=refresher).count() == 1
    enrollment.refresh_from_db()
    assert enrollment.cycle == 1  # the window opens on 1 January
    started = run(date(2028, 1, 1))
    assert started.counts["assign"] == 1
    enrollment.refresh_from_db()
    assert (enrollment.cycle, enrollment.due_date) == (2, date(2028, 3, 1))
    assert enrollment.source == Enrollment.Source.RENEWAL
    assert status_of(agent, certification) == ("expiring", date(2028, 3, 1))
    progress = enrollment_progress(enrollment=enrollment)
    assert (progress.status, progress.percent, progress.modules_done) == (
        Status.NOT_STARTED,
        0,
        0,
    )
    assert progress.quiz_state == QuizState.LOCKED and progress.certificate is None
    # Until renewed, last year's certificate still holds.
    first_renewal.refresh_from_db()
    assert first_renewal.status == Certificate.Status.VALID
    restart = ModelLogEntry.objects.get(action="lms.enrollment.restart")
    assert restart.data["cycle"] == 2 and restart.data["due_date"] == "2028-03-01"
    assert EmailRecord.objects.filter(
        user=agent, reason_key=f"assignment:{enrollment.pk}:2"
    ).exists()

    # Hourly runs change nothing.
    again = run(date(2028, 1, 1))
    assert again.counts["assign"] == 0
    enrollment.refresh_from_db()
    assert enrollment.cycle == 2

    second_renewal = agent_passes(date(2028, 2, 10), refresher)
    # Counted from the previous expiry, superseding the first renewal.
    assert second_renewal.expires_at == date(2029, 3, 1)
    assert second_renewal.supersedes == first_renewal
    assert second_renewal.enrollment == enrollment
    first_renewal.refresh_from_db()
    assert first_renewal.status == Certificate.Status.SUPERSEDED
    assert enrollment.certificates.filter(status="valid").get() == second_renewal
    assert status_of(agent, certification) == ("certified", date(2029, 3, 1))

    # History stays: both cycles' completions, attempts and certificates.
    assert ModuleCompletion.objects.filter(enrollment=enrollment).count() == 2
    attempts = Attempt.objects.filter(user=agent, course=refresher)
    assert attempts.count() == 2 and all(a.passed for a in attempts)
    assert enrollment.certificates.count() == 2
    assert run(date(2028, 2, 11)).counts["assign"] == 0


def test_restarted_refresher_opens_again_and_needs_completing(
    agent, certification, catalogue, certified, run, travel, commit, login
):
    refresher = make_course(
        catalogue,
        title="Aggiornamento in ordine",
        modules=2,
        kind="refresher",
        modules_in_order=True,
        quiz=make_quiz(title="Quiz di aggiornamento", max_attempts=1),
    )
    certification.refresher_courses.set([refresher])
    certification.save()
    first, second = course_modules(course=refresher)
    travel(date(2027, 1, 20))
    client = login(agent)
    with commit():
        client.post(f"/corsi/{refresher.pk}/iscrizione/")
        client.post(f"/moduli/{first.pk}/completa/")
        client.post(f"/moduli/{second.pk}/completa/")
        take_quiz(client, refresher)
    renewal = Certificate.objects.get(course=refresher)
    assert renewal.expires_at == date(2028, 3, 1)
    # One attempt allowed, used: "already passed".
    assert (
        "Hai già superato"
        in client.get(f"/quiz/{refresher.pk}/", follow=True).content.decode()
    )

    run(date(2028, 1, 1))
    travel(date(2028, 1, 2))
    client = login(agent)
    page = client.get(refresher.url).content.decode()
    assert page.count("is-locked") == 1 and page.count("is-open") == 1
    assert "Modulo completato" not in client.get(first.url).content.decode()
    assert client.get(second.url).status_code == 403  # in order again
    response = client.get(f"/quiz/{refresher.pk}/", follow=True)
    assert str(QUIZ_LOCKED) in response.content.decode()
    assert not Attempt.objects.filter(state__in=Attempt.OPEN_STATES).exists()

    with commit():
        client.post(f"/moduli/{first.pk}/completa/")
        assert client.get(second.url).status_code == 200
        client.post(f"/moduli/{second.pk}/completa/")
        # The attempt limit counts this cycle only: the quiz opens again.
        take_quiz(client, refresher)
    renewed = Certificate.objects.get(course=refresher, status="valid")
    assert renewed.supersedes == renewal
    assert renewed.expires_at == date(2029, 3, 1)

    # The history page keeps last year's attempt apart.
    history = client.get(f"/quiz/{refresher.pk}/storico/").content.decode()
    assert "Tentativi dei cicli precedenti" in history
    assert "20/01/2027" in history


def test_lapsed_with_onboarding_required_restarts_onboarding(
    agent, certification, onboarding, certified, run, agent_passes
):
    certification.lapsed_requires_onboarding = True
    certification.save()
    enrollment = agent.enrollments.get(course=onboarding)
    run(date(2027, 3, 5))  # expired on 1 March, nothing renewed it
    assert status_of(agent, certification) == ("expired", date(2027, 3, 1))
    enrollment.refresh_from_db()
    assert (enrollment.cycle, enrollment.due_date) == (2, date(2027, 4, 4))
    progress = enrollment_progress(enrollment=enrollment)
    assert progress.status == Status.NOT_STARTED and progress.certificate is None
    assert run(date(2027, 3, 6)).counts["assign"] == 0

    again = agent_passes(date(2027, 3, 20))
    assert again.expires_at == date(2028, 3, 20)
    assert again.supersedes == certified
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.SUPERSEDED
    assert status_of(agent, certification) == ("certified", date(2028, 3, 20))
    assert ModuleCompletion.objects.filter(enrollment=enrollment).count() == 4


def test_a_lapse_withdraws_the_unfinished_refresher(
    agent, certification, onboarding, refresher, certified, run, client
):
    certification.lapsed_requires_onboarding = True
    certification.save()
    run(date(2027, 1, 1))  # the renewal window opens: the refresher is assigned
    stale = agent.enrollments.get(course=refresher)
    assert stale.removed_at is None

    run(date(2027, 3, 5))  # nobody took it, and the certification lapsed
    stale.refresh_from_db()
    assert stale.removed_at is not None and stale.removed_by is None
    entry = ModelLogEntry.objects.get(
        action="lms.enrollment.remove", object_id=str(stale.pk)
    )
    assert "va ripetuta la formazione iniziale" in entry.data["removal_reason"]
    assert entry.user is None
    # The agent's list shows onboarding again, not a refresher overdue for ever.
    client.force_login(agent)
    page = client.get("/la-mia-formazione/").content.decode()
    assert "Inserimento" in page and "Aggiornamento" not in page
    assert run(date(2027, 3, 6)).counts["assign"] == 0
    assert ModelLogEntry.objects.filter(action="lms.enrollment.remove").count() == 1


def test_a_refresher_shared_with_a_certification_being_renewed_stays(
    agent, catalogue, certification, refresher, certified, run, agent_passes
):
    """The same refresher renews a second certification, whose window is open
    when the first lapses: it must stay assigned for the second."""
    certification.lapsed_requires_onboarding = True
    certification.save()
    other_onboarding = make_course(catalogue, title="Reclami", modules=1)
    make_certification(other_onboarding, refresher, name="Gestione reclami")
    agent_passes(date(2026, 4, 1), other_onboarding)  # valid until 1 April 2027

    run(date(2027, 2, 1))  # both windows open: one refresher enrolment
    shared = agent.enrollments.get(course=refresher)
    run(date(2027, 3, 5))  # the first lapses; the second is still renewable
    shared.refresh_from_db()
    assert shared.removed_at is None


def test_a_course_in_progress_cannot_restart(agent, onboarding, travel):
    travel(date(2026, 3, 1))
    enrollment = enrollment_create(user=agent, course=onboarding)
    with pytest.raises(ValidationError) as error:
        enrollment_restart(
            enrollment=enrollment, due_date=None, actor=None, reason="Ancora"
        )
    assert error.value.messages == [str(CYCLE_NOT_COMPLETE)]
