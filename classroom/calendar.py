"""Sessions as iCalendar (RFC 5545): the invitation attached to a booking's
e-mail and the learner's subscription feed. Times are written in UTC, so every
calendar shows them in its own zone."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//LMS//Sessioni in aula//IT"


def _uid(session) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "lms"
    return f"session-{session.pk}@{host}"


def _event(session, *, cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", _uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", f"{session.title} · {session.course_title}")
    if session.place:
        event.add("location", session.place)
    elif session.video_link:
        event.add("location", session.video_link)
    if session.video_link:
        event.add("url", session.video_link)
    if session.notes:
        event.add("description", session.notes)
    event.add("status", "CANCELLED" if cancelled or session.cancelled else "CONFIRMED")
    return event


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def session_ics(
    session,
    *,
    cancelled: bool = False,
    sequence: int | None = None,
):
    """One session as an invitation (an e-mail attachment), or its withdrawal
    when the session is called off or the person gave their seat back
    (`cancelled`), or, after the session moved, the updated invitation.
    Sessions here, as in `feed_ics`, carry `course_title`: the course's title
    in the language of the person whose calendar it is.

    The invitation and its update are METHOD:PUBLISH, as iTIP allows for an
    event the reader only adds (the seat is already theirs, no reply is asked
    for). A withdrawal or an update replaces the invitation under the same UID with
    a later `sequence`, so calendar programs remove or move the event; a seat
    booked again after that needs a later sequence still, or they ignore the
    invitation as stale (`services._notify`)."""
    cancelled = cancelled or session.cancelled
    if sequence is None:
        sequence = 1 if cancelled else 0
    calendar = _calendar()
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = _event(session, cancelled=cancelled)
    if sequence:
        event.add("sequence", sequence)
    calendar.add_component(event)
    return calendar.to_ical()


def feed_ics(sessions, *, name: str) -> bytes:
    """A learner's booked sessions, for a calendar subscription."""
    calendar = _calendar(name)
    for session in sessions:
        calendar.add_component(_event(session))
    return calendar.to_ical()
