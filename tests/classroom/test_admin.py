"""Trainers manage sessions in the admin; creating, changing and calling off a
session leave entries in the audit log."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classroom.models import TRAINER_NOT_A_TRAINER, Session

from .builders import make_session, session_form


def _form(course, trainer, **extra):
    data = {
        "course": course.pk,
        "title": "Prove al banco",
        "starts_at": "2030-03-04 09:30",
        "ends_at": "2030-03-04 12:30",
        "place": "Aula 2",
        "video_link": "",
        "trainer": trainer.pk,
        "capacity": "10",
        "cancel_cutoff_hours": "24",
        "notes": "",
    }
    data.update(extra)
    return data


def test_a_trainer_creates_changes_and_calls_off_a_session(
    client, login, course, trainer
):
    login(trainer)
    response = client.post(
        "/admin/snippets/classroom/session/add/", _form(course, trainer)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert session.minutes == 180
    response = client.post(
        f"/admin/snippets/classroom/session/edit/{session.pk}/",
        _form(course, trainer, cancelled="on"),
    )
    assert response.status_code == 302
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(session.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "wagtail.edit", "lms.session.cancel"]


def test_an_http_link_is_refused_in_the_form(client, login, course, trainer):
    login(trainer)
    response = client.post(
        "/admin/snippets/classroom/session/add/",
        _form(course, trainer, place="", video_link="http://meet.example.com/x"),
    )
    assert response.status_code == 200
    assert "deve iniziare con https://" in response.content.decode()
    assert not Session.objects.exists()


def test_raising_capacity_seats_the_waiting_and_calling_off_tells_everyone(
    client, login, course, trainer, commit
):
    """Through the admin form: two seats more take the first two waiting, in
    order; calling the session off then e-mails every person booked or
    waiting, with a calendar update that removes the event."""
    import icalendar
    from django.core import mail

    from classroom import services
    from classroom.models import Booking
    from courses.services import enrollment_create
    from people import roles
    from tests.builders import make_user

    session = make_session(course, trainer, capacity=1)
    people = []
    for n in range(4):
        person = make_user(f"agente{n}@test.it", role=roles.LEARNER)
        enrollment_create(user=person, course=course)
        with commit():
            services.session_book(user=person, session=session)
        people.append(person)
    login(trainer)
    mail.outbox.clear()
    url = f"/admin/snippets/classroom/session/edit/{session.pk}/"
    form = session_form(session, capacity="3")
    with commit():
        assert client.post(url, form).status_code == 302
    status = dict(
        Booking.objects.filter(session=session).values_list("user__email", "status")
    )
    assert status == {
        "agente0@test.it": "booked",
        "agente1@test.it": "booked",
        "agente2@test.it": "booked",
        "agente3@test.it": "waiting",
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "agente1@test.it",
        "agente2@test.it",
    ]

    mail.outbox.clear()
    with commit():
        response = client.post(url, {**form, "cancelled": "on"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"agente{n}@test.it" for n in range(4)
    ]
    # Every seat and waiting place is given back: they may book another date.
    assert set(
        Booking.objects.filter(session=session).values_list("status", flat=True)
    ) == {"cancelled"}
    other = make_session(course, trainer, days=9, title="Recupero", capacity=4)
    assert services.session_book(user=people[0], session=other).status == "booked"
    message = mail.outbox[0]
    assert message.subject.startswith("Sessione annullata")
    (name, content, _mimetype) = message.attachments[0]
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["method"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["status"] == "CANCELLED" and int(event["sequence"]) == 1
    # Saving the called-off session again tells nobody twice.
    mail.outbox.clear()
    with commit():
        client.post(url, {**form, "cancelled": "on"})
    assert mail.outbox == []


def test_only_trainers_may_be_chosen_as_a_sessions_trainer(
    client, login, course, trainer, lead, learner, hr
):
    """The admin's chooser lists trainers and lead trainers only; a learner or
    HR sent anyway is refused with a message, and nothing changes."""
    session = make_session(course, trainer)
    login(trainer)
    url = f"/admin/snippets/classroom/session/edit/{session.pk}/"
    choices = {
        int(value)
        for value in re.findall(
            r'<option value="(\d+)"',
            client.get(url)
            .content.decode()
            .split('name="trainer"')[1]
            .split("</select>")[0],
        )
    }
    assert choices == {trainer.pk, lead.pk}
    for person in (learner, hr):
        response = client.post(url, _form(course, person))
        assert response.status_code == 200
        assert str(TRAINER_NOT_A_TRAINER) in response.content.decode()
    session.refresh_from_db()
    assert session.trainer == trainer


def test_a_session_cannot_be_saved_with_a_learner_as_trainer(course, learner):
    session = Session(
        course=course,
        title="Prove al banco",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
        place="Aula 2",
        trainer=learner,
    )
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert str(TRAINER_NOT_A_TRAINER) in caught.value.message_dict["trainer"]


def test_seats_cannot_drop_below_those_already_booked(
    client, login, course, trainer, learner
):
    from classroom import services
    from classroom.forms import CAPACITY_BELOW_BOOKED
    from courses.services import enrollment_create

    session = make_session(course, trainer, capacity=2)
    enrollment_create(user=learner, course=course)
    services.session_book(user=learner, session=session)
    login(trainer)
    url = f"/admin/snippets/classroom/session/edit/{session.pk}/"
    form = session_form(session, capacity="0")
    response = client.post(url, form)
    assert response.status_code == 200
    assert str(CAPACITY_BELOW_BOOKED).format(booked=1) in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 2
    assert client.post(url, {**form, "capacity": "1"}).status_code == 302
