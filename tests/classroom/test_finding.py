"""A learner finds the sessions of their courses without typing an address:
the course's page points to them, and "Le mie sessioni" offers the sessions of
their courses to book when they hold no seat. The course need not require a
session."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from classroom import services
from classroom.models import Booking
from courses.services import enrollment_create
from people import roles
from tests.builders import make_course, make_user

from .builders import make_session


def _section(page: str) -> str:
    found = re.search(r'<section class="course-section".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_the_course_page_points_an_enrolled_learner_to_the_sessions(
    client, login, course, trainer, learner
):
    make_session(course, trainer, days=9, title="Seconda edizione")
    first = make_session(course, trainer, days=4, title="Laboratorio online")
    enrollment_create(user=learner, course=course)
    login(learner)

    section = _section(client.get(course.url).content.decode())
    assert "Sessioni in aula" in section
    when = timezone.localtime(first.starts_at)
    assert f"Prossima sessione: {when.day} " in section
    assert f'href="/sessioni/corso/{course.pk}/"' in section
    assert "Scegli la sessione" in section

    page = client.get(f"/sessioni/corso/{course.pk}/")
    assert "Laboratorio online" in page.content.decode()
    client.post(f"/sessioni/{first.pk}/prenota/", {"next": "course"})
    section = _section(client.get(course.url).content.decode())
    assert "Hai un posto:" in section and "Vedi le sessioni" in section


def test_the_course_page_says_nothing_of_sessions_gone_or_called_off(
    client, login, course, trainer, learner
):
    past = make_session(course, trainer, title="Già fatta")
    past.starts_at = timezone.now() - timedelta(days=2)
    past.ends_at = past.starts_at + timedelta(hours=2)
    past.save()
    make_session(course, trainer, title="Annullata", cancelled=True)
    enrollment_create(user=learner, course=course)
    login(learner)
    page = client.get(course.url).content.decode()
    assert _section(page) == "" and "/sessioni/corso/" not in page


def test_the_course_page_shows_sessions_before_enrolling_but_not_to_strangers(
    client, login, course, trainer, learner
):
    make_session(course, trainer)
    assert "/sessioni/corso/" not in client.get(course.url).content.decode()
    login(learner)
    section = _section(client.get(course.url).content.decode())
    assert "Vedi le sessioni" in section and "Scegli la sessione" not in section


def test_my_sessions_offers_the_sessions_of_my_courses_to_book(
    client, login, catalogue, course, trainer, learner
):
    session = make_session(course, trainer, title="Laboratorio online", capacity=8)
    make_session(course, trainer, title="Annullata", cancelled=True)
    other = make_course(catalogue, title="Altro corso", modules=1)
    make_session(other, trainer, title="Non è il mio corso")
    enrollment_create(user=learner, course=course)
    login(learner)

    page = client.get("/sessioni/").content.decode()
    assert "Nessuna sessione prenotata." in page
    assert "Sessioni dei tuoi corsi" in page
    assert "Laboratorio online" in page and "8 posti liberi" in page
    assert "Annullata" not in page and "Non è il mio corso" not in page
    assert f'action="/sessioni/{session.pk}/prenota/"' in page
    assert f'href="/sessioni/corso/{course.pk}/"' in page

    response = client.post(f"/sessioni/{session.pk}/prenota/", {"next": "mine"})
    assert response["Location"] == "/sessioni/"
    assert Booking.objects.get(user=learner).status == "booked"
    page = client.get("/sessioni/").content.decode()
    assert "Hai un posto." in page
    assert "Sessioni dei tuoi corsi" not in page


def test_my_sessions_offers_no_second_seat_in_a_course(
    client, login, catalogue, course, trainer, learner
):
    held = make_session(course, trainer, days=5, title="Prima edizione")
    make_session(course, trainer, days=8, title="Seconda edizione")
    other = make_course(catalogue, title="Altro corso", modules=1)
    make_session(other, trainer, title="Sessione dell'altro corso")
    for each in (course, other):
        enrollment_create(user=learner, course=each)
    services.session_book(user=learner, session=held)
    login(learner)
    page = client.get("/sessioni/").content.decode()
    offered = page[page.index("Sessioni dei tuoi corsi") :]
    assert "Sessione dell&#x27;altro corso" in offered
    assert "Seconda edizione" not in offered and "Prima edizione" not in offered


def test_my_sessions_says_when_my_courses_have_none(client, login, course, learner):
    enrollment_create(user=learner, course=course)
    login(learner)
    page = client.get("/sessioni/").content.decode()
    assert "Per ora non ci sono sessioni in programma nei tuoi corsi." in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_pages_that_lead_to_sessions_cost_fixed_queries(
    client, login, catalogue, trainer, count, django_assert_max_num_queries
):
    learner = make_user("q@test.it", role=roles.LEARNER)
    courses = [
        make_course(catalogue, title=f"Corso {n}", modules=2) for n in range(count)
    ]
    for n, each in enumerate(courses):
        enrollment_create(user=learner, course=each)
        for day in range(count):
            make_session(each, trainer, days=3 + day, title=f"S{n}-{day}")
    login(learner)
    # The list's own five queries (coming, to book, their bookings and waiting
    # lists, past) and the page around it, whatever the number of courses.
    with django_assert_max_num_queries(15):
        page = client.get("/sessioni/").content.decode()
    assert page.count('class="card"') == count * count
    # One for the sessions section (classroom's `course_sections` receiver),
    # whatever the number of sessions; the rest is the course page's own.
    # +3: whether a course with nothing done has started (courses'
    # `started_enrollment_ids`: its own records, then observations' and
    # classroom's `enrollment_activity`).
    with django_assert_max_num_queries(31):
        page = client.get(courses[0].url).content.decode()
    assert "Scegli la sessione" in page
