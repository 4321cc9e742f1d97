"""Progress read for many people and courses at once, in a fixed number of
queries whatever their number; the rules themselves are in `courses.progress`.

Never cached: progress is the gate of every module and quiz, so every page and
every service reads it from the database.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from certificates.models import Certificate
from quizzes.models import Attempt

from .. import signals
from ..models import (
    CoursePage,
    Enrollment,
    KnowledgeCheckResponse,
    ModuleCompletion,
    ModulePage,
    ScenarioRun,
    ScormRecord,
)
from ..progress import CourseProgress, Facts, ModuleFact, Status, compute


def with_prerequisite_flag(enrollments: QuerySet[Enrollment]) -> QuerySet:
    """Whether each enrolment's course has prerequisites rides on the enrolment
    query, so courses without any cost nothing more."""
    through = CoursePage.required_courses.through
    return enrollments.annotate(
        has_prerequisites=Exists(
            through.objects.filter(from_coursepage_id=OuterRef("course_id"))
        )
    )


def live_modules_by_course_path(
    courses: Iterable[CoursePage],
) -> dict[str, list[ModuleFact]]:
    """The live modules of these courses only, in course order, by their
    course's tree path: one query."""
    by_parent: dict[str, list[ModuleFact]] = defaultdict(list)
    courses = list(courses)
    if not courses:
        return by_parent
    within = Q()
    for course in courses:
        within |= Q(path__startswith=course.path, depth=course.depth + 1)
    rows = (
        ModulePage.objects.live()
        .filter(within)
        .order_by("path")
        .values_list("id", "path", "title", "estimated_minutes", "first_published_at")
    )
    for module_id, path, title, minutes, published in rows:
        by_parent[path[: -ModulePage.steplen]].append(
            ModuleFact(module_id, title, minutes, published)
        )
    return by_parent


def module_facts(modules: Iterable[ModulePage]) -> list[ModuleFact]:
    return [
        ModuleFact(m.pk, m.title, m.estimated_minutes, m.first_published_at)
        for m in modules
    ]


def course_minutes(*, course: CoursePage) -> int:
    """A course's duration: the minutes of its live modules (one query)."""
    return sum(m.minutes for m in live_modules_by_course_path([course])[course.path])


def missing_prerequisites(
    *, user_ids: list[int], course_ids: list[int], today: date
) -> dict[tuple[int, int], list[CoursePage]]:
    """Required courses each person still lacks, keyed by (user id, course id),
    in three queries (and what the `prerequisites_held` receivers read). A
    required course is held with a valid, unexpired certificate of it, or when
    a receiver says so (its certification, held through a renewal)."""
    through = CoursePage.required_courses.through
    # A course listed as its own prerequisite would never open: ignored (and
    # refused when the course is saved).
    pairs = list(
        through.objects.filter(from_coursepage_id__in=course_ids)
        .exclude(from_coursepage_id=F("to_coursepage_id"))
        .values_list("from_coursepage_id", "to_coursepage_id")
    )
    if not pairs:
        return {}
    required = CoursePage.objects.in_bulk({to for _from, to in pairs})
    held = set(
        Certificate.objects.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gte=today),
            user_id__in=user_ids,
            course_id__in=list(required),
            status=Certificate.Status.VALID,
        ).values_list("user_id", "course_id")
    )
    for _receiver, answer in signals.prerequisites_held.send(
        sender="courses",
        user_ids=user_ids,
        required_course_ids=list(required),
        today=today,
    ):
        held |= set(answer or ())
    missing: dict[tuple[int, int], list[CoursePage]] = {}
    for user_id in user_ids:
        for course_id, required_id in pairs:
            if (user_id, required_id) not in held and required_id in required:
                missing.setdefault((user_id, course_id), []).append(
                    required[required_id]
                )
    return missing


# Certificates that no longer stand for their course: HR took it back, or its
# validity ended and the learner takes the quiz again. A superseded one still
# stands: a renewal or a reissue replaced the document, not the completion.
SPENT = (Certificate.Status.REVOKED, Certificate.Status.EXPIRED)


def completing_certificates(**filters) -> QuerySet[Certificate]:
    """The certificates that make their enrolment's course completed, each in
    its enrolment's current cycle (a restarted course's earlier ones are
    history): the one rule of "completed" that progress (every page, HR's
    included), the reminders and the course figures read."""
    return (
        Certificate.objects.filter(**filters)
        .exclude(status__in=SPENT)
        .filter(
            Q(enrollment__cycle_started_at__isnull=True)
            | Q(issued_at__gte=F("enrollment__cycle_started_at"))
        )
    )


def passed_final_attempts(**filters) -> QuerySet:
    """Passed attempts that can still stand for their course: attempts at the
    course's own final quiz, taken as such (a policy review's attempts are made
    in the same course, for their own purpose), and not ones whose certificate
    is spent (`SPENT`). A module completed later must not bring such a
    certificate back from the same attempt: the learner takes the quiz again."""
    return Attempt.objects.filter(
        passed=True, quiz_id=F("course__quiz_id"), purpose="", **filters
    ).exclude(certificates__status__in=SPENT)


# Before any cycle: the lower bound of a first cycle's window in SQL.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def started_enrollment_ids(
    *, enrollments: Iterable[Enrollment], until: datetime | None = None
) -> set[int]:
    """The enrolments that have started: the one rule of "started" behind
    "In corso" against "Non iniziato" on every page (the learner's, HR's
    training status, the transcript, through `progress_matrix`) and behind
    "In corso" against "Non iniziata" of a certification (the dashboard, its
    export, the API, through `certifications.selectors.history`).

    Started means, as a serious LMS counts it, that the person did anything
    for the course in the enrolment's current cycle: a module completed, a
    module begun (a knowledge check answered, a scenario or a SCORM package
    started), an attempt at the course's final quiz, or whatever the apps above
    record through `signals.enrollment_activity` (an observation on the job
    submitted, passed or not; a classroom session attended). Being enrolled,
    or a seat booked, is not activity; a restarted course starts again.

    `until`: as it stood at that moment (the dashboard's past figures), in
    the window of `Enrollment.activity_counts`. One query for what courses
    records, then the receivers' own, only for the enrolments still
    undecided."""
    enrollments = list(enrollments)
    if not enrollments:
        return set()
    epoch = Value(EPOCH, output_field=DateTimeField())
    if until is None:
        since = Coalesce(F("cycle_started_at"), epoch)
    else:
        since = Case(
            When(cycle_started_at__lt=until, then=F("cycle_started_at")),
            default=epoch,
            output_field=DateTimeField(),
        )

    def done(model, moment: str, **match) -> Q:
        window = Q(**{f"{moment}__gte": OuterRef("since")})
        if until is not None:
            window &= Q(**{f"{moment}__lt": until})
        return Q(Exists(model.objects.filter(window, **match)))

    mine = {"enrollment": OuterRef("pk")}
    activity = (
        done(ModuleCompletion, "completed_at", **mine)
        | done(KnowledgeCheckResponse, "answered_at", **mine)
        | done(ScenarioRun, "started_at", **mine)
        | done(ScormRecord, "started_at", **mine)
        | done(
            Attempt,
            "started_at",
            user=OuterRef("user_id"),
            course=OuterRef("course_id"),
            purpose="",
        )
    )
    started = set(
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments])
        .annotate(since=since)
        .filter(activity)
        .values_list("pk", flat=True)
    )
    undecided = [e for e in enrollments if e.pk not in started]
    if undecided:
        asked = {e.pk for e in undecided}
        for _receiver, answer in signals.enrollment_activity.send(
            sender="courses", enrollments=undecided, until=until
        ):
            started |= set(answer or ()) & asked
    return started


def completion_requirements(*, enrollments: list[Enrollment], today: date) -> dict:
    """What the apps above add to each enrolment's completion, by enrolment id."""
    found: dict[int, list] = {}
    if not enrollments:
        return found
    for _receiver, answer in signals.completion_requirements.send(
        sender="courses", enrollments=enrollments, today=today
    ):
        for enrollment_id, requirements in (answer or {}).items():
            found.setdefault(enrollment_id, []).extend(requirements)
    return found


def progress_matrix(
    *,
    user_ids: Iterable[int],
    courses: Iterable[CoursePage],
    include_removed: bool = False,
    today: date | None = None,
    enrollments: list[Enrollment] | None = None,
    modules: list[ModulePage] | None = None,
    activity: bool = True,
    requirements: bool = True,
) -> dict[tuple[int, int], CourseProgress]:
    """Progress of several people in several courses, in a fixed number of
    queries whatever their number. Keyed by (user id, course id); only
    enrolments appear, and only those not removed unless asked for (the write
    path's checks).

    An enrolment with no step done, no certificate and not overdue is asked
    whether it has started (`started_enrollment_ids`), so that it reads "In
    corso" wherever the person did anything for it; `activity=False` spares
    that for the write path, whose checks read steps and locks, never the
    status. `requirements=False` spares the hooks of the apps above
    (`completion_requirements`) for a gate that reads only locks, modules done
    and the quiz's state, which no requirement changes: its progress lists no
    requirement, so its steps and status are not to be shown.

    A page that has just read the enrolments (through `with_prerequisite_flag`)
    or, for one course, its live modules in order passes them in rather than
    have them read twice."""
    courses = {course.pk: course for course in courses}
    user_ids = list(user_ids)
    if not user_ids or not courses:
        return {}
    today = today or timezone.localdate()
    if enrollments is None:
        query = with_prerequisite_flag(
            Enrollment.objects.filter(user_id__in=user_ids, course_id__in=courses)
        )
        if not include_removed:
            query = query.filter(removed_at__isnull=True)
        enrollments = list(query)
    if not enrollments:
        return {}
    for enrollment in enrollments:
        # Already loaded: spare the templates and the receivers a query.
        enrollment.course = courses[enrollment.course_id]
    if modules is not None and len(courses) == 1:
        (course,) = courses.values()
        live_modules = {course.path: module_facts(modules)}
    else:
        live_modules = live_modules_by_course_path(courses.values())
    gated = [e.course_id for e in enrollments if e.has_prerequisites]
    facts = Facts(
        enrollments=enrollments,
        completions=ModuleCompletion.objects.filter(
            enrollment__in=enrollments
        ).values_list("enrollment_id", "module_id", "cycle"),
        passed=passed_final_attempts(
            user_id__in=user_ids,
            course_id__in=list({e.course_id for e in enrollments}),
        ).values_list("user_id", "course_id", "started_at"),
        certificates=completing_certificates(enrollment__in=enrollments),
        live_modules=live_modules,
        missing=(
            missing_prerequisites(user_ids=user_ids, course_ids=gated, today=today)
            if gated
            else {}
        ),
        requirements=(
            completion_requirements(enrollments=enrollments, today=today)
            if requirements
            else {}
        ),
    )
    result = compute(courses=courses, facts=facts, today=today)
    if activity:
        waiting = {
            p.enrollment.pk: p
            for p in result.values()
            if p.status == Status.NOT_STARTED
        }
        for pk in started_enrollment_ids(
            enrollments=[p.enrollment for p in waiting.values()]
        ):
            waiting[pk].started = True
    return result


def progress_for(
    *, user, courses: Iterable[CoursePage], **known
) -> list[CourseProgress]:
    """One person's progress in each of the courses, in their order."""
    courses = list(courses)
    user_ids = [user.pk] if user.is_authenticated else []
    matrix = progress_matrix(user_ids=user_ids, courses=courses, **known)
    others = [course for course in courses if (user.pk, course.pk) not in matrix]
    modules = live_modules_by_course_path(others)
    return [
        matrix.get((user.pk, course.pk))
        or CourseProgress(
            course=course,
            enrollment=None,
            minutes=sum(m.minutes for m in modules.get(course.path, [])),
        )
        for course in courses
    ]


def with_minutes(courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """Each course's duration (its live modules' minutes) as `minutes`, in the
    same query."""
    children = (
        ModulePage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(total=Sum("estimated_minutes"))
        .values("total")
    )
    return courses.annotate(minutes=Coalesce(Subquery(children), 0))


def user_course_progress(
    *,
    user,
    course: CoursePage,
    modules: list[ModulePage] | None = None,
    activity: bool = True,
) -> CourseProgress:
    """`activity=False`: for a page that shows no status word (`progress_matrix`)."""
    return progress_for(
        user=user, courses=[course], modules=modules, activity=activity
    )[0]


def enrollment_progress(
    *, enrollment: Enrollment, requirements: bool = True
) -> CourseProgress:
    """The same figures the pages show, for the write path's checks (which
    read steps, locks and the quiz, never the status: the activity read that
    tells "started" apart is left out). `requirements=False`: for a gate that
    reads only locks, modules done and the quiz's state (`progress_matrix`)."""
    key = (enrollment.user_id, enrollment.course_id)
    known = {}
    if hasattr(enrollment, "has_prerequisites"):
        known["enrollments"] = [enrollment]  # read with its flag: not again
    return progress_matrix(
        user_ids=[enrollment.user_id],
        courses=[enrollment.course],
        include_removed=True,
        activity=False,
        requirements=requirements,
        **known,
    )[key]


def passing_attempt(*, enrollment: Enrollment):
    """The first attempt that passed the course's final quiz in the enrolment's
    current cycle."""
    attempts = passed_final_attempts(
        user_id=enrollment.user_id, course_id=enrollment.course_id
    )
    if enrollment.cycle_started_at is not None:
        attempts = attempts.filter(started_at__gte=enrollment.cycle_started_at)
    return attempts.order_by("submitted_at").first()


def cycle_completed_ids(*, enrollments: Iterable[Enrollment]) -> set[int]:
    """The enrolments whose current cycle has ended, so a new one may start: a
    certificate (not revoked) was issued since the cycle started. One whose
    certificate has expired since counts: its course is to be taken again,
    and a new cycle (a lapsed onboarding) is how. One query."""
    by_id = {e.pk: e for e in enrollments}
    if not by_id:
        return set()
    return {
        enrollment_id
        for enrollment_id, issued_at in Certificate.objects.filter(
            enrollment_id__in=list(by_id)
        )
        .exclude(status=Certificate.Status.REVOKED)
        .values_list("enrollment_id", "issued_at")
        if by_id[enrollment_id].in_cycle(issued_at)
    }
