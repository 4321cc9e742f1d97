"""A trainer moves a booked session to another date, time or place in the
admin: everyone booked is told, in their language, with the invitation sent
again so their calendar moves the event; an edit that moves nothing tells
nobody."""

import html
import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from classroom import services
from courses.services import enrollment_create
from people import roles
from tests.builders import make_user

from .builders import in_words, local, make_session, session_form


@pytest.fixture
def session(course, trainer):
    return make_session(course, trainer, capacity=1)


def _book(client, login, person, course, session, commit):
    """`person` enrolled and booking through the page; the invitation they got."""
    enrollment_create(user=person, course=course)
    login(person)
    mail.outbox.clear()
    with commit():
        client.post(f"/sessioni/{session.pk}/prenota/", {"next": "mine"})
    if not mail.outbox:
        return None
    (confirmation,) = mail.outbox
    (event,) = icalendar.Calendar.from_ical(confirmation.attachments[0][1]).walk(
        "VEVENT"
    )
    return event


@pytest.fixture
def edit(client, login, trainer, commit):
    """edit(session, start=…, **fields): the trainer posts the session's admin
    form with those changes (`start` moves the session, keeping its length)."""

    def _edit(session, start=None, **changes):
        if start is not None:
            changes["starts_at"] = local(start)
            changes["ends_at"] = local(start + (session.ends_at - session.starts_at))
        login(trainer)
        mail.outbox.clear()
        with commit():
            response = client.post(
                f"/admin/snippets/classroom/session/edit/{session.pk}/",
                session_form(session, **changes),
            )
        assert response.status_code == 302, response.content.decode()[:2000]

    return _edit


def _when(moment, language):
    return in_words(moment, language)


def _line(moment, language):
    """The day at the start of a line (an e-mail's, a card's): capitalised."""
    words = _when(moment, language)
    return words[0].upper() + words[1:]


def _moves(session):
    return ModelLogEntry.objects.filter(
        object_id=str(session.pk), action="lms.session.move"
    )


def test_moving_a_session_sends_the_booked_person_the_updated_invitation(
    client, login, course, trainer, learner, session, commit, edit
):
    invited = _book(client, login, learner, course, session, commit)
    # Someone waiting is told too, with no calendar file: no event to move.
    waiting = make_user("attesa@test.it", role=roles.LEARNER)
    assert _book(client, login, waiting, course, session, commit) is None
    # Someone who gave their place back hears nothing.
    gone = make_user("disdetto@test.it", role=roles.LEARNER)
    _book(client, login, gone, course, session, commit)
    with commit():
        services.booking_cancel(user=gone, session=session)
    old_start = session.starts_at
    new_start = old_start + timedelta(days=3, hours=2)

    edit(session, start=new_start, place="Aula 5, Via Verdi 2, Milano")

    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {learner.email, waiting.email}
    message = told[learner.email]
    assert message.subject == f"Sessione spostata: {course.title}"
    assert _line(new_start, "it") in message.body
    assert "Aula 5, Via Verdi 2, Milano" in message.body
    # The old date and place, so the person knows which booking this is.
    assert f"Prima era: {_when(old_start, 'it')}" in message.body
    assert "Aula 3, Via Roma 1, Milano" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == "sessione.ics" and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    # PUBLISH, as the first invitation: the same event under a later sequence.
    assert calendar["method"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == str(invited["uid"])
    assert int(event["sequence"]) > int(invited.get("sequence", 0))
    assert event.decoded("dtstart") == new_start
    assert str(event["location"]) == "Aula 5, Via Verdi 2, Milano"
    assert told[waiting.email].attachments == []

    (entry,) = _moves(session)
    assert entry.user == trainer
    assert entry.data["from"]["starts_at"] == old_start.isoformat()
    assert entry.data["to"]["place"] == "Aula 5, Via Verdi 2, Milano"

    # "Le mie sessioni" shows the new date.
    login(learner)
    page = client.get("/sessioni/").content.decode()
    assert _line(new_start, "it") in page and _line(old_start, "it") not in page

    # Saving again with no change tells nobody twice, and logs no new move.
    session.refresh_from_db()
    edit(session)
    assert mail.outbox == []
    assert _moves(session).count() == 1

    # A second move outranks the first update.
    later = new_start + timedelta(days=1)
    edit(session, start=later)
    (again,) = [m for m in mail.outbox if m.to == [learner.email]]
    (second,) = icalendar.Calendar.from_ical(again.attachments[0][1]).walk("VEVENT")
    assert int(second["sequence"]) > int(event["sequence"])
    assert second.decoded("dtstart") == later


def test_an_english_speaker_is_told_in_english(
    client, login, course, session, commit, edit
):
    agent = make_user("agent@test.it", role=roles.LEARNER, preferred_language="en")
    _book(client, login, agent, course, session, commit)
    new_start = session.starts_at + timedelta(days=2)

    edit(session, start=new_start)

    (message,) = mail.outbox
    assert message.subject == f"Session moved: {course.title}"
    assert "the session you are booked on has moved" in message.body
    assert _when(new_start, "en") in message.body
    assert f"It was: {_when(session.starts_at, 'en')}" in message.body


def test_an_edit_that_moves_nothing_tells_nobody(
    client, login, course, trainer, learner, session, commit, edit
):
    _book(client, login, learner, course, session, commit)

    edit(session, notes="Portate le cuffie.")
    assert mail.outbox == []
    assert not _moves(session).exists()

    # The same form, with only the end later, is a move.
    session.refresh_from_db()
    assert session.notes == "Portate le cuffie."
    edit(session, ends_at=local(session.ends_at + timedelta(hours=1)))
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert _moves(session).count() == 1


def _notice(client, title: str) -> str:
    """The words of the notice of that title in the person's notifications."""
    page = client.get("/notifiche/").content.decode()
    for item in re.findall(r'<li class="notification[^"]*">(.*?)</li>', page, re.S):
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", item)).split())
        if title in words:
            return words
    return ""


def test_the_notice_of_a_move_gives_the_new_and_the_old_date(
    client, login, course, learner, session, commit, edit
):
    _book(client, login, learner, course, session, commit)
    old_start = session.starts_at
    new_start = old_start + timedelta(days=3, hours=2)

    edit(session, start=new_start, place="Aula 5, Via Verdi 2, Milano")

    login(learner)
    notice = _notice(client, f"Sessione spostata: {course.title}")
    assert f"Ora è: {_when(new_start, 'it')}" in notice
    assert "Aula 5, Via Verdi 2, Milano" in notice
    assert f"Prima era: {_when(old_start, 'it')}" in notice


def test_the_notice_of_a_move_is_in_the_readers_language(
    client, login, course, session, commit, edit
):
    agent = make_user("agent@test.it", role=roles.LEARNER, preferred_language="en")
    _book(client, login, agent, course, session, commit)
    new_start = session.starts_at + timedelta(days=2)

    edit(session, start=new_start)

    login(agent)
    notice = _notice(client, f"Session moved: {course.title}")
    assert f"It is now: {_when(new_start, 'en')}" in notice
    assert f"It was: {_when(session.starts_at, 'en')}" in notice


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_move_to_another_place_says_where_it_is_now_and_was(
    client, login, course, session, commit, edit, language
):
    """The notice and the e-mail of a move give the new place on its own
    line, as every notice of a session does, the video call's link, and
    the old place with the old date."""
    person = make_user("agent@test.it", role=roles.LEARNER, preferred_language=language)
    _book(client, login, person, course, session, commit)
    old_start = session.starts_at
    new_start = old_start + timedelta(days=2)
    call = "https://meet.example.com/accoglienza"

    edit(session, start=new_start, place="Aula 5, Via Verdi 2, Milano", video_link=call)

    words = {
        "it": (
            "Sessione spostata",
            "Ora è",
            "Dove",
            "Link della videochiamata",
            "Prima era",
        ),
        "en": ("Session moved", "It is now", "Where", "Video call link", "It was"),
    }[language]
    title, now, where, link, was = words
    (message,) = mail.outbox
    lines = message.body.splitlines()
    assert f"{where}: Aula 5, Via Verdi 2, Milano" in lines
    assert f"{link}: {call}" in lines
    (before,) = [line for line in lines if line.startswith(f"{was}: ")]
    assert before.startswith(f"{was}: {_when(old_start, language)}, ")
    assert before.endswith(", Aula 3, Via Roma 1, Milano"), before
    login(person)
    notice = _notice(client, f"{title}: {course.title}")
    # Under the new date, where it is now; then when and where it was.
    assert re.search(
        rf"{now}: {_when(new_start, language)}, [^ ]+ "
        rf"{where}: Aula 5, Via Verdi 2, Milano {link}: {re.escape(call)} "
        rf"{was}: {_when(old_start, language)}, [^ ]+, Aula 3, Via Roma 1, Milano",
        notice,
    ), notice
