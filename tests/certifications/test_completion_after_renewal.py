"""A renewal keeps the certification valid; the onboarding course it renews
stays completed, whatever surface reads it: the learner's home and course page,
HR's training status and transcript, the reminders."""

from datetime import date

from certificates.models import Certificate
from courses.models import Enrollment
from courses.notices import open_enrollments
from courses.progress import Status
from courses.selectors import course_modules, enrollment_progress
from courses.services import enrollment_create
from tests.builders import take_quiz


def _card(home: str, title: str) -> str:
    """The learner home's card of the course titled `title`."""
    cards = home.split('<article class="card course-card')[1:]
    (card,) = [c for c in cards if f">{title}</a></h3>" in c]
    return card


def _row(page: str, marker: str) -> str:
    """The table row of `page` that holds `marker`."""
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def test_the_onboarding_a_refresher_renewed_stays_completed_everywhere(
    agent, hr, certification, onboarding, refresher, login, travel, commit
):
    travel(date(2026, 3, 1))
    with commit():
        enrollment_create(
            user=agent,
            course=onboarding,
            source=Enrollment.Source.MANUAL,
            due_date=date(2026, 12, 16),
        )
    client = login(agent)
    with commit():
        for module in course_modules(course=onboarding):
            client.post(f"/moduli/{module.pk}/completa/")
        take_quiz(client, onboarding)
    first = Certificate.objects.get(course=onboarding)

    # Inside the renewal window, past the onboarding's due date: the agent
    # takes the refresher from the catalogue.
    travel(date(2027, 1, 15))
    client = login(agent)
    with commit():
        client.post(f"/corsi/{refresher.pk}/iscrizione/")
        for module in course_modules(course=refresher):
            client.post(f"/moduli/{module.pk}/completa/")
        take_quiz(client, refresher)
    renewal = Certificate.objects.get(course=refresher)
    first.refresh_from_db()
    assert renewal.supersedes == first
    assert first.status == Certificate.Status.SUPERSEDED

    home = client.get("/la-mia-formazione/").content.decode()
    card = _card(home, "Inserimento")
    assert "Certificato" in card
    assert "In ritardo" not in card and "In corso" not in card
    assert "Da completare entro" not in card
    assert "3 di 3 passi" in card
    assert f'href="/certificati/{first.pk}/pdf/"' in card
    assert "Continua" not in card
    assert f'href="/certificati/{renewal.pk}/pdf/"' in _card(home, "Aggiornamento")

    page = client.get(onboarding.url).content.decode()
    assert "Scarica il certificato (PDF)" in page
    assert f'href="/certificati/{first.pk}/pdf/"' in page
    assert "In ritardo" not in page and "Da completare entro" not in page

    enrollment = Enrollment.objects.get(user=agent, course=onboarding)
    assert enrollment_progress(enrollment=enrollment).status == Status.CERTIFIED
    assert not open_enrollments().filter(pk=enrollment.pk).exists()

    hr_client = login(hr)
    status = hr_client.get(
        "/hr/stato-formazione/", {"course": onboarding.pk}
    ).content.decode()
    cell = _row(status, agent.email)
    assert "Certificato" in cell and "In ritardo" not in cell
    transcript = hr_client.get(f"/hr/storico/{agent.pk}/").content.decode()
    courses = transcript[transcript.index("<h2>Corsi</h2>") :]
    line = _row(courses, "<td>Inserimento</td>")
    assert "Certificato: Sostituito" in line
    assert "In corso" not in line and "In ritardo" not in line
