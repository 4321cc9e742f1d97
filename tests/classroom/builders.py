"""Sessions for the tests, made through the model (trainers make them in the
admin)."""

from datetime import timedelta

from django.utils import timezone

from classroom.models import Session, SessionRequirement


def make_session(course, trainer, *, days=7, hours=2, capacity=2, **fields):
    start = (timezone.now() + timedelta(days=days)).replace(
        minute=0, second=0, microsecond=0
    )
    fields.setdefault("title", "Accoglienza al banco")
    fields.setdefault("place", "Aula 3, Via Roma 1, Milano")
    session = Session(
        course=course,
        trainer=trainer,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        capacity=capacity,
        **fields,
    )
    session.full_clean()
    session.save()
    return session


def local(moment) -> str:
    """A moment as the admin's date-time field takes it."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def session_form(session, **extra):
    """The admin's session form for `session` as the page fills it in, then
    `extra`."""
    data = {
        "course": session.course_id,
        "title": session.title,
        "starts_at": local(session.starts_at),
        "ends_at": local(session.ends_at),
        "place": session.place,
        "video_link": session.video_link,
        "trainer": session.trainer_id,
        "capacity": str(session.capacity),
        "cancel_cutoff_hours": str(session.cancel_cutoff_hours),
        "notes": session.notes,
    }
    if session.cancelled:
        data["cancelled"] = "on"
    data.update(extra)
    return data


DAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
MONTHS = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre "
    "ottobre novembre dicembre"
).split()


def in_words(moment, language: str) -> str:
    """A moment's day as a sentence writes it after a colon, spelled out here
    rather than by the code under test: "lunedì 7 dicembre 2026", "Monday 7
    December 2026"."""
    day = timezone.localtime(moment)
    if language == "it":
        return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def require_session(course):
    return SessionRequirement.objects.create(course=course, required=True)
