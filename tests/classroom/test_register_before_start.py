"""The register of a session still to come: the trainer sees who is booked,
told at the top that attendance is taken from the start, with nothing to fill
in and no save button; a POST is still refused by the service."""

import re
from datetime import timedelta

from django.utils import timezone

from classroom import services
from classroom.models import Attendance
from courses.services import enrollment_create
from people import roles
from tests.builders import make_user

from .builders import make_session

TOO_EARLY = "Le presenze si registrano dall'inizio della sessione."
SAVE = "Salva le presenze"


def booked_session(course, trainer, *, days):
    anna = make_user("anna@test.it", role=roles.LEARNER, first_name="Anna")
    session = make_session(course, trainer, days=7)
    enrollment_create(user=anna, course=course)
    services.session_book(user=anna, session=session)
    if days < 0:
        length = session.ends_at - session.starts_at
        session.starts_at = timezone.now() + timedelta(days=days)
        session.ends_at = session.starts_at + length
        session.save()
    return session, anna


def register(client, session) -> str:
    return client.get(f"/sessioni/{session.pk}/presenze/").content.decode()


def test_a_future_register_is_shown_closed_with_the_notice_on_top(
    client, login, course, trainer
):
    session, anna = booked_session(course, trainer, days=7)
    login(trainer)
    page = register(client, session).replace("&#x27;", "'")
    assert TOO_EARLY in page
    assert page.index(TOO_EARLY) < page.index(anna.full_name)
    rows = re.findall(r"<fieldset[^>]*>", page)
    assert rows and all("disabled" in row for row in rows)
    assert SAVE not in page

    response = client.post(
        f"/sessioni/{session.pk}/presenze/",
        {f"{anna.pk}-status": "present", f"{anna.pk}-minutes": "120"},
        follow=True,
    )
    assert TOO_EARLY in response.content.decode().replace("&#x27;", "'")
    assert not Attendance.objects.exists()


def test_a_begun_session_has_an_open_register(client, login, course, trainer):
    session, _anna = booked_session(course, trainer, days=-1)
    login(trainer)
    page = register(client, session).replace("&#x27;", "'")
    assert TOO_EARLY not in page
    assert SAVE in page
    assert not any("disabled" in row for row in re.findall(r"<fieldset[^>]*>", page))
