"""A session's date reads as each language writes it, wherever it is shown:
Italian names the day and the month in lower case ("lunedì 7 dicembre"),
capitalising only the first letter of a line ("Lunedì 7 dicembre"); English
capitalises them ("Monday 7 December"). Every notice of a session says when
the session is, in its reader's language, whoever sent it."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from classroom import services
from courses.services import enrollment_create
from people import roles
from tests.builders import make_user

from .builders import make_session, session_form

ROME = ZoneInfo("Europe/Rome")
START = datetime(2026, 12, 7, 9, 30, tzinfo=ROME)  # a Monday
END = datetime(2026, 12, 7, 12, 30, tzinfo=ROME)

# After a colon or inside a sentence.
WHEN = {
    "it": "lunedì 7 dicembre 2026, 09:30–12:30",
    "en": "Monday 7 December 2026, 09:30–12:30",
}
# A line of its own (a card on a page, a line of an e-mail).
LINE = {
    "it": "Lunedì 7 dicembre 2026, 09:30–12:30",
    "en": "Monday 7 December 2026, 09:30–12:30",
}
# The notice's date line.
NOTICE = {
    "it": "Quando: lunedì 7 dicembre 2026, 09:30–12:30",
    "en": "When: Monday 7 December 2026, 09:30–12:30",
}


@pytest.fixture
def monday(course, trainer, travel):
    """A session on Monday 7 December 2026, 9:30–12:30 in Rome, one seat, seen
    from the Monday before."""
    travel(date(2026, 11, 30))
    session = make_session(course, trainer, capacity=1, title="Prove al banco")
    session.starts_at, session.ends_at = START, END
    session.save()
    return session


def _person(email: str, language: str):
    return make_user(email, role=roles.LEARNER, preferred_language=language)


def _text(page: str) -> str:
    """The words of a page as a reader sees them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _notice(client, title: str) -> str:
    """The words of the notice of that title in the person's notifications."""
    page = client.get("/notifiche/").content.decode()
    for item in re.findall(r'<li class="notification[^"]*">(.*?)</li>', page, re.S):
        words = _text(item)
        if title in words:
            return words
    raise AssertionError(f"no notice {title!r} in {_text(page)!r}")


def _mail(person, subject: str):
    (message,) = [
        m for m in mail.outbox if m.to == [person.email] and m.subject == subject
    ]
    return message


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_learners_pages_write_the_day_as_the_language_does(
    client, login, course, monday, language, travel
):
    person = _person("anna@test.it", language)
    enrollment_create(user=person, course=course)
    login(person)
    client.post(f"/sessioni/{monday.pk}/prenota/", {"next": "mine"})

    for url in ("/sessioni/", f"/sessioni/corso/{course.pk}/"):
        page = client.get(url).content.decode()
        # The card's line starts with the day: capitalised there.
        assert f"<p>{LINE[language]}</p>" in page, url

    # The course page says the seat held, after a colon.
    section = _text(client.get(course.url).content.decode())
    seat = {
        "it": "Hai un posto: 7 dicembre 2026, 09:30.",
        "en": "You have a seat: 7 December 2026, 09:30.",
    }
    assert seat[language] in section

    # Past the cut-off (24 hours before), the refusal names the deadline.
    travel(date(2026, 12, 6))
    refused = client.post(
        f"/sessioni/{monday.pk}/disdici/", {"next": "mine"}, follow=True
    )
    deadline = {
        "it": "il termine era 6 dicembre 2026, 09:30.",
        "en": "the deadline was 6 December 2026, 09:30.",
    }
    assert deadline[language] in _text(refused.content.decode())


def test_the_trainers_pages_write_the_day_as_italian_does(
    client, login, course, monday, trainer
):
    login(trainer)
    page = client.get("/sessioni/registro/").content.decode()
    assert f"<p>{LINE['it']}</p>" in page
    register = _text(client.get(f"/sessioni/{monday.pk}/presenze/").content.decode())
    # In the middle of the line: lower case.
    assert f"· {WHEN['it']} · 180 minuti" in register
    assert "Lunedì" not in register
    # The admin's list of sessions, where trainers move them: a cell starts
    # with the day.
    listing = _text(client.get("/admin/snippets/classroom/session/").content.decode())
    assert LINE["it"] in listing


# Every notice of a session, in order: to whom, the subject in each language
# (of the course's title), and whether the person is still expected there.
EVERY_NOTICE = (
    ("anna", "Posto confermato: {}", "Seat confirmed: {}", True),
    ("anna", "Prenotazione disdetta: {}", "Booking cancelled: {}", False),
    ("bruno", "Si è liberato un posto: {}", "A seat is now yours: {}", True),
    ("bruno", "Domani: {}", "Tomorrow: {}", True),
    ("bruno", "Sessione annullata: {}", "Session called off: {}", False),
)


def _every_notice(client, login, commit, *, session, trainer, language):
    """Anna and Bruno (reading `language`) book the session's one seat, the
    second on the waiting list; Anna gives it back, Bruno gets it, is reminded
    the day before, and the trainer calls the session off. Returns each
    e-mail's person, subject and whether it leaves them expected there."""
    people = {name: _person(f"{name}@test.it", language) for name in ("anna", "bruno")}
    for person in people.values():
        enrollment_create(user=person, course=session.course)
        login(person)
        with commit():
            client.post(f"/sessioni/{session.pk}/prenota/", {"next": "mine"})
    login(people["anna"])
    with commit():
        client.post(f"/sessioni/{session.pk}/disdici/", {"next": "mine"})
    with commit():
        services.reminders_send(today=date(2026, 12, 6))
    login(trainer)
    with commit():
        response = client.post(
            f"/admin/snippets/classroom/session/edit/{session.pk}/",
            session_form(session, cancelled="on"),
        )
    assert response.status_code == 302
    title = session.course.title
    sent = [
        (people[name], (it if language == "it" else en).format(title), expected)
        for name, it, en, expected in EVERY_NOTICE
    ]
    assert len(mail.outbox) == len(sent)
    return sent


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_session_notice_says_when_in_the_readers_language(
    client, login, course, trainer, monday, language, commit
):
    """Seat confirmed, seat given back, seat freed from the waiting list, the
    reminder the day before and the call-off: each e-mail gives the day on a
    line of its own, each notice says "Quando: …", in the language of the
    person it goes to (the trainer who calls the session off reads Italian)."""
    sent = _every_notice(
        client, login, commit, session=monday, trainer=trainer, language=language
    )
    for person, subject, _expected in sent:
        body = _mail(person, subject).body
        # A line of its own, after the session's title.
        assert LINE[language] in body.splitlines(), (subject, body)
        notice = _notice(login(person), subject)
        assert NOTICE[language] in notice, (subject, notice)
        assert "Lunedì" not in notice, (subject, notice)


ROOM = "Aula 3, Via Roma 1, Milano"
CALL = "https://meet.example.com/prove-al-banco"
WHERE = {"it": f"Dove: {ROOM}", "en": f"Where: {ROOM}"}
LINK = {
    "it": f"Link della videochiamata: {CALL}",
    "en": f"Video call link: {CALL}",
}


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize(
    ("place", "video_link"), [(ROOM, ""), ("", CALL), (ROOM, CALL)]
)
def test_every_session_notice_says_where_in_the_readers_language(
    client, login, course, trainer, monday, language, commit, place, video_link
):
    """Next to "Quando: …", each notice and e-mail of a session says where it
    is: "Dove: …" when it has a place, the video call's link when it has one.
    A seat given back or a session called off gives no link: nobody is
    expected there any more."""
    monday.place, monday.video_link = place, video_link
    monday.save()
    sent = _every_notice(
        client, login, commit, session=monday, trainer=trainer, language=language
    )
    for person, subject, expected in sent:
        lines = _mail(person, subject).body.splitlines()
        notice = _notice(login(person), subject)
        # The place follows the day, in the e-mail and in the notice.
        assert (WHERE[language] in lines) == bool(place), (subject, lines)
        assert (f"{NOTICE[language]} {WHERE[language]}" in notice) == bool(place), (
            subject,
            notice,
        )
        with_link = bool(video_link) and expected
        assert (LINK[language] in lines) == with_link, (subject, lines)
        assert (LINK[language] in notice) == with_link, (subject, notice)
        # No bare address left where the label says what it is.
        assert (CALL in "\n".join(lines)) == with_link, (subject, lines)
    # In the notices the link is one to click.
    page = login(sent[-1][0]).get("/notifiche/").content.decode()
    assert (f'<a href="{CALL}"' in page) == bool(video_link)
