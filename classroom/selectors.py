"""Reads for the session pages, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from certificates.pdf import hours_and_minutes
from content.translation import with_titles
from courses.models import Enrollment

from .models import Attendance, Booking, Session


@dataclass
class SessionRow:
    session: Session
    booked: int
    booking: Booking | None = None
    position: int | None = None  # on the waiting list, 1 = next

    @property
    def free(self) -> int:
        return max(self.session.capacity - self.booked, 0)

    @property
    def may_cancel(self) -> bool:
        if self.booking is None:
            return False
        if self.booking.status == Booking.Status.WAITING:
            return True
        return timezone.now() < self.session.cancel_deadline


def _with_counts(sessions):
    return sessions.annotate(
        booked_count=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED))
    ).select_related("course", "trainer")


def _rows(sessions, *, user) -> list[SessionRow]:
    sessions = list(sessions)
    ids = [s.pk for s in sessions]
    mine = {
        b.session_id: b
        for b in Booking.objects.filter(
            session_id__in=ids,
            user=user,
            status__in=(Booking.Status.BOOKED, Booking.Status.WAITING),
        )
    }
    # Positions on the waiting lists: every waiting booking of these sessions,
    # in order (one query, whatever the number of sessions).
    queue: dict[int, list[int]] = {}
    waiting = Booking.objects.filter(
        session_id__in=[b.session_id for b in mine.values() if b.status == "waiting"],
        status=Booking.Status.WAITING,
    ).order_by("requested_at", "pk")
    for session_id, user_id in waiting.values_list("session_id", "user_id"):
        queue.setdefault(session_id, []).append(user_id)
    rows = []
    for session in sessions:
        booking = mine.get(session.pk)
        position = None
        if booking is not None and booking.status == Booking.Status.WAITING:
            position = queue.get(session.pk, []).index(user.pk) + 1
        rows.append(SessionRow(session, session.booked_count, booking, position))
    return rows


def course_sessions(*, course, user) -> list[SessionRow]:
    """The coming sessions of a course, with the seats taken and the person's
    own booking or place on the waiting list. Five queries."""
    sessions = _with_counts(
        Session.objects.filter(
            course=course, cancelled=False, starts_at__gt=timezone.now()
        )
    ).order_by("starts_at", "pk")
    return _rows(with_course_titles(sessions), user=user)


def with_course_titles(sessions):
    """The sessions, each with `course_title`: its course's title in the
    reader's language (`content.translation.with_titles`), which every page,
    sheet and calendar of sessions shows. Two queries, whatever the number."""
    return with_titles(list(sessions), "course")


def is_enrolled(*, user, course) -> bool:
    return Enrollment.objects.filter(
        user=user, course=course, removed_at__isnull=True
    ).exists()


OPEN = (Booking.Status.BOOKED, Booking.Status.WAITING)


def bookable_sessions(*, user, now) -> list[SessionRow]:
    """The coming sessions of the live courses the person is enrolled in and
    holds no seat (nor a place on a waiting list) of: one seat per course at a
    time, as `services.session_book` allows. One query."""
    sessions = _with_counts(
        Session.objects.filter(
            cancelled=False,
            starts_at__gt=now,
            course__live=True,
            course_id__in=Enrollment.objects.filter(
                user=user, removed_at__isnull=True
            ).values("course_id"),
        ).exclude(
            course_id__in=Booking.objects.filter(
                user=user, status__in=OPEN, session__starts_at__gt=now
            ).values("session__course_id")
        )
    ).order_by("starts_at", "pk")
    return [SessionRow(session, session.booked_count) for session in sessions]


def my_sessions(*, user) -> dict:
    """The person's sessions: coming (booked or waiting), those of their
    courses they may book, and past (with what the register says). Five
    queries, and two for the courses' titles in the reader's language."""
    now = timezone.now()
    coming = _with_counts(
        # A subquery, not a join: the seat count must see everyone's bookings.
        Session.objects.filter(
            starts_at__gt=now,
            pk__in=Booking.objects.filter(
                user=user,
                status__in=(Booking.Status.BOOKED, Booking.Status.WAITING),
            ).values("session_id"),
        )
    ).order_by("starts_at", "pk")
    past = list(
        Attendance.objects.filter(user=user)
        .select_related("session", "session__course", "session__trainer")
        .order_by("-session__starts_at", "-pk")
    )
    rows = {
        "coming": _rows(coming, user=user),
        "bookable": bookable_sessions(user=user, now=now),
        "past": past,
    }
    with_course_titles(
        [r.session for r in rows["coming"] + rows["bookable"]]
        + [a.session for a in past]
    )
    return rows


def trainer_sessions(*, user):
    """The sessions a trainer leads (all of them for a superuser), newest
    first, with the seats taken."""
    sessions = Session.objects.all()
    if not user.is_superuser:
        sessions = sessions.filter(trainer=user)
    return with_course_titles(_with_counts(sessions).order_by("-starts_at", "-pk"))


@dataclass
class RegisterRow:
    user: object
    status: str
    minutes: int
    recorded: bool

    @property
    def hours(self) -> str:
        return hours_and_minutes(self.minutes)


def register_people(*, session: Session) -> tuple[dict, dict[int, Attendance]]:
    """Who belongs in the session's register, by user id: everyone with a seat
    and anyone already recorded (a booking cancelled after the session keeps
    its line); and what is recorded, by user id. Two queries."""
    people = {
        b.user_id: b.user
        for b in session.bookings.filter(status=Booking.Status.BOOKED).select_related(
            "user"
        )
    }
    recorded = {a.user_id: a for a in session.attendance.select_related("user")}
    for user_id, attendance in recorded.items():
        people.setdefault(user_id, attendance.user)
    return people, recorded


def register(*, session: Session) -> list[RegisterRow]:
    """Everyone in the register (`register_people`), by surname, with what the
    register says or its default: present for the whole session."""
    people, recorded = register_people(session=session)
    rows = []
    for user_id, person in people.items():
        attendance = recorded.get(user_id)
        rows.append(
            RegisterRow(
                user=person,
                status=attendance.status if attendance else Attendance.Status.PRESENT,
                minutes=attendance.minutes if attendance else session.minutes,
                recorded=attendance is not None,
            )
        )
    return sorted(rows, key=lambda r: (r.user.last_name, r.user.first_name, r.user.pk))


def feed_sessions(*, user):
    return with_course_titles(
        Session.objects.filter(
            bookings__user=user, bookings__status=Booking.Status.BOOKED
        )
        .select_related("course")
        .order_by("starts_at", "pk")
    )
