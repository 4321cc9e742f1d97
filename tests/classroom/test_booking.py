"""Booking a seat, the waiting list, cancelling until the cut-off and the
promotion of whoever waits first, through the pages and the services."""

from datetime import timedelta
from functools import partial

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classroom import services
from classroom.models import Booking, Session
from courses.services import enrollment_create
from notifications.models import EmailRecord
from people import roles
from tests.builders import make_course, make_user
from tests.concurrency import at_once

from .builders import make_session


@pytest.fixture
def people(course):
    learners = [
        make_user(f"agente{n}@test.it", role=roles.LEARNER, last_name=f"Rossi{n}")
        for n in range(4)
    ]
    for learner in learners:
        enrollment_create(user=learner, course=course)
    return learners


def test_seats_then_waiting_list_then_promotion(course, trainer, people, commit):
    session = make_session(course, trainer, capacity=2)
    with commit():
        first = services.session_book(user=people[0], session=session)
        second = services.session_book(user=people[1], session=session)
        third = services.session_book(user=people[2], session=session)
        fourth = services.session_book(user=people[3], session=session)
    assert [b.status for b in (first, second, third, fourth)] == [
        "booked",
        "booked",
        "waiting",
        "waiting",
    ]
    assert services.waiting_position(third) == 1
    assert services.waiting_position(fourth) == 2
    # Asking again changes nothing.
    assert services.session_book(user=people[0], session=session) == first

    with commit():
        services.booking_cancel(user=people[1], session=session)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "booked" and fourth.status == "waiting"
    assert services.waiting_position(fourth) == 1
    promoted = EmailRecord.objects.get(reason_key=f"session:promoted:{third.pk}")
    assert promoted.user == people[2] and promoted.attachment.endswith(".ics")
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(session.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "lms.session.book",
        "lms.session.wait",
        "lms.session.cancel_booking",
        "lms.session.promote",
    } <= actions


def test_cancelling_after_the_cut_off_is_refused(course, trainer, people):
    session = make_session(course, trainer, days=0, hours=2, cancel_cutoff_hours=48)
    session.starts_at = timezone.now() + timedelta(hours=30)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    services.session_book(user=people[0], session=session)
    with pytest.raises(ValidationError) as error:
        services.booking_cancel(user=people[0], session=session)
    assert error.value.code == "cutoff"
    assert "Non è più possibile disdire" in error.value.messages[0]
    assert Booking.objects.get(user=people[0]).status == "booked"


def test_only_enrolled_learners_book(course, trainer, catalogue):
    session = make_session(course, trainer)
    stranger = make_user("estraneo@test.it", role=roles.LEARNER)
    with pytest.raises(ValidationError) as error:
        services.session_book(user=stranger, session=session)
    assert error.value.code == "not_enrolled"


def test_one_open_booking_per_course(course, trainer, people):
    first = make_session(course, trainer, days=7)
    second = make_session(course, trainer, days=8, title="Seconda edizione")
    services.session_book(user=people[0], session=first)
    with pytest.raises(ValidationError) as error:
        services.session_book(user=people[0], session=second)
    assert error.value.code == "other_session"


def test_a_cancelled_or_past_session_takes_no_bookings(course, trainer, people):
    session = make_session(course, trainer, cancelled=True)
    with pytest.raises(ValidationError):
        services.session_book(user=people[0], session=session)


def test_session_needs_a_place_or_an_https_link(course, trainer):
    session = Session(
        course=course,
        trainer=trainer,
        title="x",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
        video_link="http://meet.example.com/abc",
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "https://" in str(error.value.message_dict["video_link"])
    session.video_link = ""
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "luogo" in str(error.value.message_dict["place"])


def test_confirmation_email_carries_an_ics_with_the_right_times(
    course, trainer, people, commit
):
    session = make_session(course, trainer, video_link="https://meet.example.com/x")
    with commit():
        services.session_book(user=people[0], session=session)
    (message,) = mail.outbox
    assert message.to == [people[0].email]
    assert session.title in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == "sessione.ics" and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") == session.ends_at
    assert str(event["location"]) == session.place
    assert session.title in str(event["summary"])


def test_booking_and_cancelling_through_the_pages(
    client, login, course, trainer, people
):
    session = make_session(course, trainer, capacity=1)
    login(people[0])
    page = client.get(f"/sessioni/corso/{course.pk}/")
    assert page.status_code == 200 and session.title in page.content.decode()
    response = client.post(f"/sessioni/{session.pk}/prenota/", follow=True)
    assert "Posto prenotato" in response.content.decode()
    client.logout()
    login(people[1])
    response = client.post(f"/sessioni/{session.pk}/prenota/", follow=True)
    assert "lista d&#x27;attesa (posizione 1)" in response.content.decode()
    response = client.post(
        f"/sessioni/{session.pk}/disdici/", {"next": "mine"}, follow=True
    )
    assert "Prenotazione annullata" in response.content.decode()
    assert response.redirect_chain[-1][0] == "/sessioni/"


def test_reminder_the_day_before_once(course, trainer, people, travel):
    session = make_session(course, trainer, days=1)
    services.session_book(user=people[0], session=session)
    today = timezone.localtime(session.starts_at).date() - timedelta(days=1)
    sent = services.reminders_send(today=today)
    assert [r.kind for r in sent] == ["session_reminder"]
    assert services.reminders_send(today=today) == []


def test_calendar_feed_lists_booked_sessions_and_is_revocable(
    client, login, course, trainer, people
):
    session = make_session(course, trainer)
    services.session_book(user=people[0], session=session)
    feed = services.calendar_feed_rotate(user=people[0])
    response = client.get(f"/sessioni/calendario/{feed.token}.ics")
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [session.starts_at]
    old = feed.token
    login(people[0])
    client.post("/sessioni/calendario/nuovo-indirizzo/")
    assert client.get(f"/sessioni/calendario/{old}.ics").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_bookings_never_exceed_capacity(catalogue):
    """Eight people take the last seats at once, each in their own connection:
    the session row lock serves them one by one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks and concurrent connections (PostgreSQL)")
    course = make_course(catalogue, title="Corso in aula", modules=1)
    trainer = make_user("formatrice@test.it", role=roles.TRAINER)
    session = make_session(course, trainer, capacity=3)
    learners = [make_user(f"p{n}@test.it", role=roles.LEARNER) for n in range(8)]
    for learner in learners:
        enrollment_create(user=learner, course=course)
    _, errors = at_once(
        [
            partial(services.session_book, user=user, session=session)
            for user in learners
        ]
    )
    assert errors == []
    statuses = list(session.bookings.values_list("status", flat=True))
    assert statuses.count("booked") == 3
    assert statuses.count("waiting") == 5


def test_my_sessions_counts_everyones_seats(client, login, course, trainer, people):
    session = make_session(course, trainer, capacity=3)
    for person in people[:2]:
        services.session_book(user=person, session=session)
    login(people[0])
    body = client.get("/sessioni/").content.decode()
    assert "1 posto libero" in body


def test_after_a_session_held_the_learner_books_another(course, trainer, people):
    held = make_session(course, trainer)
    services.session_book(user=people[0], session=held)
    held.starts_at = timezone.now() - timedelta(days=1)
    held.ends_at = held.starts_at + timedelta(hours=2)
    held.save()
    again = make_session(course, trainer, days=9, title="Recupero")
    assert services.session_book(user=people[0], session=again).status == "booked"


def test_giving_a_seat_back_sends_a_calendar_cancellation(
    client, login, course, trainer, people, commit
):
    """The confirmation's .ics put the session in the person's calendar; the
    "Disdici" button sends its METHOD:CANCEL under the same UID, so it goes."""
    session = make_session(course, trainer, capacity=1)
    login(people[0])
    with commit():
        client.post(f"/sessioni/{session.pk}/prenota/", {"next": "mine"})
    services.session_book(user=people[1], session=session)
    (confirmation,) = mail.outbox
    invited = icalendar.Calendar.from_ical(confirmation.attachments[0][1])
    mail.outbox.clear()

    with commit():
        client.post(f"/sessioni/{session.pk}/disdici/", {"next": "mine"})
    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {people[0].email, people[1].email}
    message = told[people[0].email]
    assert message.subject.startswith("Prenotazione disdetta")
    assert session.title in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == "sessione.ics" and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["method"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    (first,) = invited.walk("VEVENT")
    assert str(event["uid"]) == str(first["uid"])
    assert event["status"] == "CANCELLED" and int(event["sequence"]) == 1
    assert EmailRecord.objects.get(user=people[0], kind="session_booking_cancelled")

    # Booked again, the new invitation must outrank the withdrawal, or calendar
    # programs ignore it as stale.
    services.booking_cancel(user=people[1], session=session)
    mail.outbox.clear()
    with commit():
        client.post(f"/sessioni/{session.pk}/prenota/", {"next": "mine"})
    (again,) = mail.outbox
    calendar = icalendar.Calendar.from_ical(again.attachments[0][1])
    (event,) = calendar.walk("VEVENT")
    assert calendar["method"] == "PUBLISH" and int(event["sequence"]) == 2

    # Leaving the waiting list takes nothing out of a calendar: no e-mail.
    services.session_book(user=people[2], session=session)
    mail.outbox.clear()
    with commit():
        services.booking_cancel(user=people[2], session=session)
    assert mail.outbox == []
