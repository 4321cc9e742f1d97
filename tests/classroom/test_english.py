"""Sessions in English: the reader's language names the course wherever a
session is shown (the pages, the e-mails, the register), from the course's
live translation, and the original's title where there is none."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from classroom import services
from courses.services import enrollment_create
from people import roles
from tests.builders import make_course, make_user, translate

from .builders import make_session

ITALIAN_TITLE = "Fondamenti del servizio"
ENGLISH_TITLE = "Service fundamentals"


@pytest.fixture
def english(db):
    return make_user(
        "jane@test.it", role=roles.LEARNER, first_name="Jane", preferred_language="en"
    )


@pytest.fixture
def translated(course):
    translate(course, title=ENGLISH_TITLE)
    return course


def test_the_sessions_pages_name_the_course_in_english(
    client, login, translated, trainer, english
):
    enrollment_create(user=english, course=translated)
    booked = make_session(translated, trainer, title="Front desk")
    make_session(translated, trainer, days=9, title="Second date")
    services.session_book(user=english, session=booked)
    login(english)
    for url in ("/sessioni/", f"/sessioni/corso/{translated.pk}/"):
        page = client.get(url).content.decode()
        assert ENGLISH_TITLE in page, url
        assert ITALIAN_TITLE not in page, url


def test_a_course_nobody_translated_keeps_its_title(
    client, login, catalogue, trainer, english
):
    other = make_course(catalogue, title="Solo in italiano", modules=1)
    enrollment_create(user=english, course=other)
    make_session(other, trainer)
    login(english)
    assert "Solo in italiano" in client.get("/sessioni/").content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_my_sessions_in_english_costs_fixed_queries(
    client, login, catalogue, trainer, english, count, django_assert_max_num_queries
):
    for n in range(count):
        course = make_course(catalogue, title=f"Corso {n}", modules=1)
        translate(course, title=f"Course {n}")
        enrollment_create(user=english, course=course)
        make_session(course, trainer, days=3 + n, title=f"S{n}")
    login(english)
    with django_assert_max_num_queries(17):
        page = client.get("/sessioni/").content.decode()
    assert [f"Course {n}" in page for n in range(count)] == [True] * count
    assert "Corso 0" not in page


def test_the_confirmation_names_the_course_and_the_day_in_english(
    translated, trainer, english, commit
):
    enrollment_create(user=english, course=translated)
    session = make_session(translated, trainer, title="Front desk")
    with commit():
        services.session_book(user=english, session=session)
    (message,) = mail.outbox
    assert ENGLISH_TITLE in message.subject and ITALIAN_TITLE not in message.subject
    day = timezone.localtime(session.starts_at)
    assert f"{day:%A} {day.day} {day:%B} {day.year}" in message.body
    (_name, ics, _type) = message.attachments[0]
    assert ENGLISH_TITLE in ics and ITALIAN_TITLE not in ics


def _account_form(client) -> dict:
    """What Wagtail's account page posts as it stands: every field's value."""
    html = client.get("/admin/account/").content.decode()
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and (
            kind is None or kind.group(1) not in ("checkbox", "radio", "file")
        ):
            data[name.group(1)] = value.group(1) if value else ""
        elif name and kind.group(1) in ("checkbox", "radio") and "checked" in tag:
            data[name.group(1)] = value.group(1) if value else "on"
    for name, body in re.findall(
        r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_a_trainer_whose_admin_speaks_english_keeps_the_register_in_english(
    client, login, translated, trainer
):
    """The trainer chooses English on Wagtail's account page; the register,
    reached from the admin's menu, is in English too, course title and all."""
    learner = make_user("anna@test.it", role=roles.LEARNER, first_name="Anna")
    enrollment_create(user=learner, course=translated)
    session = make_session(translated, trainer, title="Front desk")
    services.session_book(user=learner, session=session)
    session.starts_at = timezone.now() - timedelta(minutes=30)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    login(trainer)
    form = _account_form(client)
    form["locale-preferred_language"] = "en"
    assert client.post("/admin/account/", form).status_code == 302
    menu = client.get("/admin/").content.decode()
    assert "/sessioni/registro/" in menu
    page = client.get(f"/sessioni/{session.pk}/presenze/").content.decode()
    for english in ("Minutes attended", "Save attendance", "Absent", ENGLISH_TITLE):
        assert english in page, english
    for italian in (
        "Minuti di presenza",
        "Salva le presenze",
        "Assente",
        ITALIAN_TITLE,
    ):
        assert italian not in page, italian
