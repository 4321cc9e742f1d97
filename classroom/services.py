"""Booking seats, the waiting list, the attendance register and the calendar
feed. Every booking change locks the session's row first, so two people taking
the last seat at once are served one after the other and a session is never
over capacity."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from content.translation import activate_for, title_for
from courses.models import Enrollment
from courses.services import enrollment_activity_announce, enrollment_try_complete
from lms.audit import log
from lms.words import date_in_words, day_and_hours
from notifications.models import Kind
from notifications.services import (
    Candidate,
    notification_send,
    notifications_send_many,
    where_lines,
)
from people import roles
from people.models import User

from .calendar import session_ics
from .models import Attendance, Booking, CalendarFeed, Session, new_token
from .selectors import register_people

NOT_ENROLLED = _("Per prenotare un posto devi essere iscritto al corso.")
SESSION_CLOSED = _("Questa sessione non accetta più prenotazioni.")
OTHER_SESSION = _(
    "Hai già un posto (o sei in lista d'attesa) in un'altra sessione di questo "
    "corso: disdici quello prima di sceglierne un'altra."
)
NO_BOOKING = _("Non hai prenotazioni in questa sessione.")
CUTOFF_PASSED = _(
    "Non è più possibile disdire: il termine era {deadline}. Avvisa il formatore."
)
NOT_THE_TRAINER = _("Solo il formatore della sessione può registrare le presenze.")
TOO_EARLY = _("Le presenze si registrano dall'inizio della sessione.")
NOT_BOOKED = _("{name} non ha un posto in questa sessione.")
BAD_MINUTES = _("{name}: i minuti di presenza vanno da 0 a {minutes}.")

OPEN = (Booking.Status.BOOKED, Booking.Status.WAITING)


def _locked_session(session: Session) -> Session:
    return (
        Session.objects.select_for_update()
        .select_related("course", "trainer")
        .get(pk=session.pk)
    )


def _when(session: Session) -> str:
    """The session's day and hours in the active language, as they read after
    a colon ("lunedì 7 dicembre 2026, 09:30–12:30")."""
    return day_and_hours(session.starts_at, session.ends_at)


def _when_where(session: Session) -> str:
    """When and where a session was, after a colon: "Prima era: …" of a move
    (the card's "Online" when it had no place)."""
    return f"{_when(session)}, {session.place or _('Online')}"


def session_summary(session: Session, user: User, *, with_link: bool = True) -> str:
    """The lines an e-mail to `user` gives of a session: what, when (the day
    in their language, capitalised as the line starts with it), where ("Dove:
    …") and the video call's link, unless `with_link` is False (nobody is
    expected there any more)."""
    with activate_for(user):
        lines = [session.title, capfirst(_when(session))]
        lines += where_lines(
            place=session.place, video_link=session.video_link if with_link else ""
        )
    if session.notes:
        lines.append(session.notes)
    return "\n".join(str(line) for line in lines if line)


def _session_message(
    session: Session,
    user: User,
    *,
    moved_from: Session | None = None,
    with_link: bool = True,
) -> dict:
    """What every e-mail and notice to `user` about a session says of it, in
    their language: the e-mail's lines (`items`), the notice's date line
    (`when`) and where it is (`place`, `video_link`: no link after a call-off
    or a seat given back, when nobody is expected there); after a move, when
    it is now (`when`) and when and where it was (`note`)."""
    with activate_for(user):
        message = {
            "items": session_summary(session, user, with_link=with_link),
            "when": _when(session),
            "place": session.place,
            "video_link": session.video_link if with_link else "",
        }
        if moved_from is not None:
            message.update(note=_when_where(moved_from))
    return message


def _notify(
    booking: Booking,
    kind: str,
    reason: str,
    today: date | None = None,
    *,
    withdrawn: bool = False,
    moved_from: Session | None = None,
):
    """Record the e-mail (with the session's .ics, or its withdrawal or update)
    once the booking has committed: a failed e-mail never undoes a booking.
    Dates are written in the person's language, as the rest of the e-mail.

    `moved_from`: the session as it was before it moved; the person on the
    waiting list is told too, without a calendar file (no event of theirs to
    move)."""
    session = booking.session
    holds_seat = booking.status == Booking.Status.BOOKED

    def send():
        cancelled = withdrawn or session.cancelled
        # Each earlier booking of this person in this session was sent an
        # invitation and its withdrawal, and every move an update: this one's
        # come after them all.
        earlier = Booking.objects.filter(
            session=session, user_id=booking.user_id, pk__lt=booking.pk
        ).count()
        session.course_title = title_for(session.course, booking.user)
        name = ""
        if moved_from is None or holds_seat:
            ics = session_ics(
                session,
                cancelled=cancelled,
                sequence=session.moves + 2 * earlier + int(cancelled),
            )
            name = default_storage.save(
                f"classroom/ics/{uuid.uuid4().hex}.ics", ContentFile(ics)
            )
        notification_send(
            user=booking.user,
            kind=kind,
            reason_key=f"{reason}:{booking.pk}",
            today=today or timezone.localdate(),
            course=session.course,
            due_date=timezone.localtime(session.starts_at).date(),
            **_session_message(
                session, booking.user, moved_from=moved_from, with_link=not cancelled
            ),
            link=reverse("classroom:my_sessions"),
            attachment=name,
            attachment_name="sessione.ics" if name else "",
        )

    transaction.on_commit(send, robust=True)


def _enrolled(*, user: User, session: Session) -> bool:
    return Enrollment.objects.filter(
        user=user, course_id=session.course_id, removed_at__isnull=True
    ).exists()


@transaction.atomic
def session_book(*, user: User, session: Session) -> Booking:
    """A seat for an enrolled learner, or a place on the waiting list when the
    session is full. Asking again returns the booking already made."""
    session = _locked_session(session)
    if session.cancelled or session.starts_at <= timezone.now():
        raise ValidationError(SESSION_CLOSED, code="closed")
    if not _enrolled(user=user, session=session):
        raise ValidationError(NOT_ENROLLED, code="not_enrolled")
    # One seat per course at a time; a session already held does not count (a
    # learner absent from it books another).
    current = (
        Booking.objects.filter(
            user=user,
            session__course_id=session.course_id,
            session__starts_at__gt=timezone.now(),
            status__in=OPEN,
        )
        .select_related("session")
        .first()
    )
    if current is not None:
        if current.session_id == session.pk:
            return current
        raise ValidationError(OTHER_SESSION, code="other_session")
    taken = session.bookings.filter(status=Booking.Status.BOOKED).count()
    status = (
        Booking.Status.BOOKED if taken < session.capacity else Booking.Status.WAITING
    )
    booking = Booking(session=session, user=user, status=status)
    booking.full_clean(validate_constraints=False)
    booking.save()
    log(
        instance=session,
        action="lms.session.book"
        if status == Booking.Status.BOOKED
        else "lms.session.wait",
        user=user,
        data={"session": session.title, "person": user.email},
    )
    if status == Booking.Status.BOOKED:
        _notify(booking, Kind.SESSION_BOOKED, "session:booked")
    return booking


@transaction.atomic
def booking_cancel(*, user: User, session: Session) -> Booking:
    """Give up a seat (until the session's cut-off) or a place on the waiting
    list (until the start). A freed seat goes to the first person waiting, who
    is told by e-mail. Whoever gave a seat back is told too, with the calendar
    update that removes the event their confirmation added."""
    session = _locked_session(session)
    booking = session.bookings.filter(user=user, status__in=OPEN).first()
    if booking is None:
        raise ValidationError(NO_BOOKING, code="no_booking")
    now = timezone.now()
    if booking.status == Booking.Status.BOOKED and now >= session.cancel_deadline:
        deadline = date_in_words(session.cancel_deadline, "j F Y, H:i")
        raise ValidationError(CUTOFF_PASSED.format(deadline=deadline), code="cutoff")
    if now >= session.starts_at:
        raise ValidationError(SESSION_CLOSED, code="closed")
    was_booked = booking.status == Booking.Status.BOOKED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    log(
        instance=session,
        action="lms.session.cancel_booking",
        user=user,
        data={"session": session.title, "person": user.email},
    )
    if was_booked:
        booking.session = session
        _notify(
            booking,
            Kind.SESSION_BOOKING_CANCELLED,
            "session:booking_cancelled",
            withdrawn=True,
        )
    if was_booked and not session.cancelled:
        _promote(session)
    return booking


def _promote(session: Session) -> None:
    """Fill the seats free with the waiting list, first come first served."""
    taken = session.bookings.filter(status=Booking.Status.BOOKED).count()
    free = session.capacity - taken
    if free <= 0:
        return
    waiting = list(
        session.bookings.filter(status=Booking.Status.WAITING)
        .select_related("user")
        .order_by("requested_at", "pk")[:free]
    )
    for booking in waiting:
        booking.status = Booking.Status.BOOKED
        booking.save(update_fields=["status"])
        booking.session = session
        log(
            instance=session,
            action="lms.session.promote",
            user=None,
            data={"session": session.title, "person": booking.user.email},
        )
        _notify(booking, Kind.SESSION_PROMOTED, "session:promoted")


MOVE_FIELDS = ("starts_at", "ends_at", "place", "video_link")


@transaction.atomic
def session_edited(*, session: Session, by: User, was: Session) -> None:
    """What an edit in the admin means for the people booked, once it is saved;
    `was` is the session as it was before the edit.

    Called off: every seat and place on the waiting list is given back (so the
    person can book another session, and their home asks them to), each is
    told by e-mail with a calendar update that removes the event, and the
    call-off is logged. Setting the session on again restores no booking:
    those people were told it was off.
    Moved (start, end, place or link): see `_moved`.
    Still on: seats a raised capacity freed go to the waiting list, first come
    first served, as when someone cancels.
    """
    session = _locked_session(session)
    if session.cancelled and not was.cancelled:
        log(
            instance=session,
            action="lms.session.cancel",
            user=by,
            data={"session": session.title},
        )
        released = list(session.bookings.filter(status__in=OPEN).select_related("user"))
        now = timezone.now()
        for booking in released:
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = now
            booking.session = session
            _notify(booking, Kind.SESSION_CANCELLED, "session:cancelled")
        Booking.objects.bulk_update(released, ["status", "cancelled_at"])
    elif not session.cancelled:
        if any(getattr(session, f) != getattr(was, f) for f in MOVE_FIELDS):
            _moved(session, was=was, by=by)
        _promote(session)


def _moved(session: Session, *, was: Session, by: User) -> None:
    """A session moved to another date, time or place: logged with where and
    when it was and is. Everyone booked is told, with the old and the new
    date, and sent the invitation again under the same UID with a higher
    SEQUENCE, so their calendar moves the event instead of adding another;
    people on the waiting list are told too (it is the date they wait for). A
    session moved into the past is a correction of the record: nobody can go
    to it, so nobody is told."""
    session.moves += 1
    session.save(update_fields=["moves"])

    def details(s: Session) -> dict:
        return {
            "starts_at": s.starts_at.isoformat(),
            "ends_at": s.ends_at.isoformat(),
            "place": s.place,
            "video_link": s.video_link,
        }

    log(
        instance=session,
        action="lms.session.move",
        user=by,
        data={"session": session.title, "from": details(was), "to": details(session)},
    )
    if session.starts_at <= timezone.now():
        return
    for booking in session.bookings.filter(status__in=OPEN).select_related("user"):
        booking.session = session
        _notify(
            booking,
            Kind.SESSION_MOVED,
            f"session:moved:{session.moves}",
            moved_from=was,
        )


def waiting_position(booking: Booking) -> int | None:
    if booking.status != Booking.Status.WAITING:
        return None
    return (
        booking.session.bookings.filter(
            status=Booking.Status.WAITING, requested_at__lte=booking.requested_at
        )
        .exclude(requested_at=booking.requested_at, pk__gt=booking.pk)
        .count()
    )


@transaction.atomic
def attendance_record(
    *, session: Session, recorded_by: User, rows: dict[int, tuple[str, int | None]]
) -> list[Attendance]:
    """Save the register: for each person booked, present / late / absent and
    the minutes attended (the whole session unless said otherwise; absent is
    0). Someone present or late has done the course's session step, so their
    certificate is issued if it was the last thing missing."""
    session = _locked_session(session)
    if not recorded_by.is_superuser and (
        recorded_by.pk != session.trainer_id or not roles.trains(recorded_by)
    ):
        raise PermissionDenied(NOT_THE_TRAINER)
    if not session.register_open:
        raise ValidationError(TOO_EARLY, code="too_early")
    allowed, existing = register_people(session=session)
    errors = []
    saved = []
    for user_id, (status, minutes) in rows.items():
        person = allowed.get(user_id)
        if person is None:
            errors.append(NOT_BOOKED.format(name=user_id))
            continue
        if status == Attendance.Status.ABSENT:
            minutes = 0
        elif minutes is None:
            minutes = session.minutes
        if not 0 <= minutes <= session.minutes:
            errors.append(
                BAD_MINUTES.format(name=person.full_name, minutes=session.minutes)
            )
            continue
        attendance = existing.get(user_id) or Attendance(session=session, user=person)
        attendance.status = status
        attendance.minutes = minutes
        attendance.recorded_by = recorded_by
        attendance.full_clean(validate_constraints=False)
        saved.append(attendance)
    if errors:
        raise ValidationError([str(e) for e in errors], code="register")
    for attendance in saved:
        attendance.save()
    log(
        instance=session,
        action="lms.session.attendance",
        user=recorded_by,
        data={
            "session": session.title,
            "register": {
                a.user.email: {"status": a.status, "minutes": a.minutes} for a in saved
            },
        },
    )
    attended = [a.user_id for a in saved if a.attended]
    enrollments = list(
        Enrollment.objects.select_for_update()
        .filter(
            user_id__in=attended, course_id=session.course_id, removed_at__isnull=True
        )
        .select_related("course", "user")
    )
    for enrollment in enrollments:
        enrollment_try_complete(enrollment=enrollment)
    # A session attended starts the course, required or not.
    enrollment_activity_announce(enrollments=enrollments)
    return saved


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """A new secret address for the person's calendar feed: the old one stops
    working at once (a leaked link is revoked this way)."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
    log(instance=user, action="lms.session.feed_rotate", user=user, data={})
    return feed


def reminders_send(*, today: date) -> list:
    """The day before a session, one reminder to each person with a seat."""
    tomorrow = today + timedelta(days=1)
    bookings = (
        Booking.objects.filter(
            status=Booking.Status.BOOKED,
            session__cancelled=False,
            session__starts_at__date=tomorrow,
            user__is_active=True,
        )
        .select_related("user", "session", "session__course")
        .order_by("pk")
    )
    return notifications_send_many(
        today=today,
        candidates=(
            Candidate(
                user=b.user,
                kind=Kind.SESSION_REMINDER,
                reason_key=f"session:reminder:{b.pk}",
                options={
                    "course": b.session.course,
                    "due_date": tomorrow,
                    **_session_message(b.session, b.user),
                    "link": reverse("classroom:my_sessions"),
                },
            )
            for b in bookings
        ),
    )
