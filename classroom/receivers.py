"""How classroom sessions take part in the learning journey, through the hooks
courses declares: the session step of a course, the "book your session" task,
the sessions offered on the course's page and the hours attended."""

from collections import defaultdict

from django.db.models import Min, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.translation import present_for
from courses import signals as courses_signals
from courses.models import Enrollment
from courses.progress import CourseSection, Requirement, Task
from courses.signals import HoursEntry
from lms.words import date_in_words

from .models import Attendance, Booking, Session, SessionRequirement

STEP_LABEL = _("Sessione in aula")
STEP_WAITING = _("In attesa della sessione")
STEP_BOOKED = _("Sessione prenotata: {date}")
TASK_KIND = _("Sessione in aula")
TASK_TITLE = _("Prenota la tua sessione: {course}")
TASK_NOTE = _("Il corso richiede la partecipazione a una sessione in aula.")
TASK_ACTION = _("Scegli la sessione")

SECTION_TITLE = _("Sessioni in aula")
SECTION_COMING = _("Prossima sessione: {date}.")
SECTION_HELD = _("Hai un posto: {date}.")
SECTION_WAITING = _("Sei in lista d'attesa: {date}.")
SECTION_BOOK = _("Scegli la sessione")
SECTION_SEE = _("Vedi le sessioni")

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def _required_course_ids(course_ids) -> set[int]:
    return set(
        SessionRequirement.objects.filter(
            course_id__in=course_ids, required=True
        ).values_list("course_id", flat=True)
    )


@receiver(
    courses_signals.completion_requirements,
    dispatch_uid="classroom_session_requirements",
)
def session_requirements(sender, enrollments, today, **kwargs):
    """`courses.signals.completion_requirements`: a course that requires a
    session is complete only once the person attended one (present or late).
    Three queries at most, whatever the number of enrolments."""
    required = _required_course_ids({e.course_id for e in enrollments})
    if not required:
        return {}
    concerned = [e for e in enrollments if e.course_id in required]
    user_ids = {e.user_id for e in concerned}
    # When each person attended: a restarted enrolment (a new cycle) asks for
    # a session attended in that cycle, as it asks for the modules again.
    attended = defaultdict(list)
    for user_id, course_id, starts_at in Attendance.objects.filter(
        user_id__in=user_ids, session__course_id__in=required, status__in=ATTENDED
    ).values_list("user_id", "session__course_id", "session__starts_at"):
        attended[(user_id, course_id)].append(starts_at)
    booked = {
        (user_id, course_id): starts_at
        for user_id, course_id, starts_at in Booking.objects.filter(
            user_id__in=user_ids,
            session__course_id__in=required,
            status=Booking.Status.BOOKED,
            session__cancelled=False,
        )
        .order_by("-session__starts_at")
        .values_list("user_id", "session__course_id", "session__starts_at")
    }
    found = {}
    for enrollment in concerned:
        key = (enrollment.user_id, enrollment.course_id)
        waiting = STEP_WAITING
        if key in booked:
            waiting = STEP_BOOKED.format(date=_when(booked[key]))
        found[enrollment.pk] = [
            Requirement(
                key=f"session:{enrollment.course_id}",
                label=str(STEP_LABEL),
                met=any(enrollment.in_cycle(when) for when in attended[key]),
                url=reverse("classroom:course_sessions", args=[enrollment.course_id]),
                waiting_label=str(waiting),
            )
        ]
    return found


@receiver(courses_signals.enrollment_activity, dispatch_uid="classroom_activity")
def session_activity(sender, enrollments, until=None, **kwargs):
    """`courses.signals.enrollment_activity`: a session of the course attended
    (present or late) in the enrolment's cycle starts the course, whether or
    not the course requires one; a seat booked does not. One query."""
    if not enrollments:
        return set()
    attended = defaultdict(list)
    for user_id, course_id, starts_at in Attendance.objects.filter(
        user_id__in={e.user_id for e in enrollments},
        session__course_id__in={e.course_id for e in enrollments},
        status__in=ATTENDED,
    ).values_list("user_id", "session__course_id", "session__starts_at"):
        attended[(user_id, course_id)].append(starts_at)
    return {
        e.pk
        for e in enrollments
        if any(
            e.activity_counts(when, until=until)
            for when in attended[(e.user_id, e.course_id)]
        )
    }


@receiver(courses_signals.learner_tasks, dispatch_uid="classroom_session_tasks")
def session_tasks(sender, user, today, **kwargs):
    """`courses.signals.learner_tasks`: a course that requires a session the
    person has neither booked nor attended asks them to choose one."""
    enrollments = list(
        Enrollment.objects.filter(
            user=user,
            removed_at__isnull=True,
            course__session_requirement__required=True,
        ).select_related("course")
    )
    if not enrollments:
        return []
    course_ids = [e.course_id for e in enrollments]
    done = set(
        Attendance.objects.filter(
            user=user, session__course_id__in=course_ids, status__in=ATTENDED
        ).values_list("session__course_id", flat=True)
    ) | set(
        Booking.objects.filter(
            user=user,
            session__course_id__in=course_ids,
            status__in=(Booking.Status.BOOKED, Booking.Status.WAITING),
            session__starts_at__gt=timezone.now(),
        ).values_list("session__course_id", flat=True)
    )
    # The course in the learner's language (the task is read on their home).
    courses = present_for([e.course for e in enrollments], [user] * len(enrollments))
    return [
        Task(
            key=f"session:{e.course_id}",
            kind=str(TASK_KIND),
            title=str(TASK_TITLE).format(course=course.title),
            note=str(TASK_NOTE),
            url=reverse("classroom:course_sessions", args=[e.course_id]),
            action=str(TASK_ACTION),
            due_date=e.due_date,
        )
        for e, course in zip(enrollments, courses, strict=True)
        if e.course_id not in done
    ]


def _when(moment) -> str:
    """A session's start after a colon, in the reader's language ("Hai un
    posto: 7 dicembre 2026, 09:30.")."""
    return date_in_words(moment, "j F Y, H:i")


@receiver(courses_signals.course_sections, dispatch_uid="classroom_course_sessions")
def course_sessions_section(sender, course, user, enrollment, **kwargs):
    """`courses.signals.course_sections`: a course with sessions to come points
    to them from its page, whether or not it requires one, saying the person's
    own seat if they hold one. One query."""
    found = Session.objects.filter(
        course=course, cancelled=False, starts_at__gt=timezone.now()
    ).aggregate(
        first=Min("starts_at"),
        held=Min(
            "starts_at",
            filter=Q(bookings__user=user, bookings__status=Booking.Status.BOOKED),
        ),
        waiting=Min(
            "starts_at",
            filter=Q(bookings__user=user, bookings__status=Booking.Status.WAITING),
        ),
    )
    if found["first"] is None:
        return None
    if found["held"] is not None:
        note = SECTION_HELD.format(date=_when(found["held"]))
    elif found["waiting"] is not None:
        note = SECTION_WAITING.format(date=_when(found["waiting"]))
    else:
        note = SECTION_COMING.format(date=_when(found["first"]))
    may_book = enrollment is not None and not (found["held"] or found["waiting"])
    return CourseSection(
        key=f"sessions:{course.pk}",
        title=str(SECTION_TITLE),
        note=str(note),
        url=reverse("classroom:course_sessions", args=[course.pk]),
        action=str(SECTION_BOOK if may_book else SECTION_SEE),
    )


@receiver(courses_signals.training_hours, dispatch_uid="classroom_session_hours")
def session_hours(sender, user_ids, start, end, course_ids=None, **kwargs):
    """`courses.signals.training_hours`: the minutes the register gives each
    person present or late, on the session's day. One query."""
    rows = Attendance.objects.filter(
        status__in=ATTENDED,
        minutes__gt=0,
        session__starts_at__date__gte=start,
        session__starts_at__date__lte=end,
    ).select_related("session", "session__trainer")
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    if course_ids is not None:
        rows = rows.filter(session__course_id__in=list(course_ids))
    return [
        HoursEntry(
            user_id=a.user_id,
            day=timezone.localtime(a.session.starts_at).date(),
            minutes=a.minutes,
            kind="session",
            label=a.session.title,
            course_id=a.session.course_id,
            trainer=a.session.trainer.full_name,
        )
        for a in rows.order_by("session__starts_at", "pk")
    ]
