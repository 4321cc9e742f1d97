"""Reads for the learner's pages, shaped for each page.

Progress is computed for many enrolments at once with a fixed number of queries,
so lists do not cost more queries as they grow.
"""

import dataclasses
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content import tree

from .models import (
    CourseCatalogPage,
    CoursePage,
    Enrollment,
    KnowledgeCheckResponse,
    ModuleCompletion,
    ModulePage,
)


class QuizState(enum.StrEnum):
    MISSING = "missing"
    LOCKED = "locked"
    OPEN = "open"
    PASSED = "passed"


class Status(enum.StrEnum):
    """A learner's standing in a course; "overdue" is derived from the due date
    every time it is read, never stored."""

    NOT_ENROLLED = "not_enrolled"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    CERTIFIED = "certified"


class ModuleState(enum.StrEnum):
    DONE = "done"
    OPEN = "open"
    LOCKED = "locked"


LOCKED_BY_PREREQUISITE = _(
    "Questo corso richiede prima un certificato valido di: {titles}. "
    "Si apre quando lo ottieni."
)
LOCKED_BY_SEQUENCE = _(
    "I moduli di questo corso vanno seguiti in ordine: questo modulo si apre "
    "quando completi «{title}»."
)


@dataclass(frozen=True)
class Lock:
    """Why something is closed, and which page opens it."""

    message: str
    opens: object  # the page to complete first: a module id or a CoursePage


@dataclass
class CourseProgress:
    course: CoursePage
    enrollment: Enrollment | None
    modules_total: int = 0
    modules_done: int = 0
    quiz_state: QuizState = QuizState.LOCKED
    certificate: object | None = None
    done_module_ids: set[int] = field(default_factory=set)
    module_ids: list[int] = field(default_factory=list)
    module_titles: dict[int, str] = field(default_factory=dict)
    missing_prerequisites: list[CoursePage] = field(default_factory=list)
    today: date | None = None

    @property
    def percent(self) -> int:
        if self.certificate is not None:
            return 100
        steps = self.modules_total + (1 if self.course.quiz_id else 0)
        if not steps:
            return 0
        done = self.modules_done + (1 if self.quiz_state == QuizState.PASSED else 0)
        return round(100 * done / steps)

    @property
    def due_date(self) -> date | None:
        return self.enrollment.due_date if self.enrollment else None

    @property
    def is_overdue(self) -> bool:
        return (
            self.enrollment is not None
            and self.certificate is None
            and self.due_date is not None
            and self.due_date < (self.today or timezone.localdate())
        )

    @property
    def status(self) -> str:
        if self.enrollment is None:
            return Status.NOT_ENROLLED
        if self.certificate is not None:
            return Status.CERTIFIED
        if self.is_overdue:
            return Status.OVERDUE
        if self.modules_done or self.quiz_state == QuizState.PASSED:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def course_lock(self) -> Lock | None:
        if not self.missing_prerequisites:
            return None
        titles = ", ".join(f"«{c.title}»" for c in self.missing_prerequisites)
        return Lock(
            message=LOCKED_BY_PREREQUISITE.format(titles=titles),
            opens=self.missing_prerequisites[0],
        )

    def module_lock(self, module_id: int) -> Lock | None:
        """Why a module is closed to this learner, or None when it is open."""
        if module_id in self.done_module_ids:
            return None
        if self.course_lock is not None:
            return self.course_lock
        if self.course.modules_in_order and module_id in self.module_ids:
            for earlier in self.module_ids[: self.module_ids.index(module_id)]:
                if earlier not in self.done_module_ids:
                    title = self.module_titles.get(earlier, "")
                    return Lock(
                        message=LOCKED_BY_SEQUENCE.format(title=title), opens=earlier
                    )
        return None

    def module_state(self, module_id: int) -> ModuleState:
        if module_id in self.done_module_ids:
            return ModuleState.DONE
        if self.module_lock(module_id) is not None:
            return ModuleState.LOCKED
        return ModuleState.OPEN

    @property
    def next_module_id(self) -> int | None:
        """Where "continue" leads: the first open module not yet done."""
        return next(
            (pk for pk in self.module_ids if self.module_state(pk) == ModuleState.OPEN),
            None,
        )


def catalogue_pages() -> list[CourseCatalogPage]:
    rows = tree.remember(
        ("catalogues",),
        lambda: list(CourseCatalogPage.objects.live().public().order_by("path")),
    )
    return [tree.fresh(page) for page in rows]


def live_module(*, module_id: int) -> ModulePage | None:
    module = tree.remember(
        ("live module", module_id),
        lambda: ModulePage.objects.live().filter(pk=module_id).first(),
    )
    return tree.fresh(module) if module is not None else None


def live_courses(*, course_ids: Iterable[int]) -> dict[int, CoursePage]:
    """The live ones of these courses, with their final quizzes, by id; the
    ones not remembered yet are read in one query."""
    found = tree.remember_many(
        "live course",
        course_ids,
        lambda missing: (
            CoursePage.objects.live().select_related("quiz").in_bulk(missing)
        ),
    )
    courses = {}
    for course_id, course in found.items():
        if course is not None:
            courses[course_id] = copy = tree.fresh(course)
            if course.quiz is not None:
                copy.quiz = tree.fresh(course.quiz)
    return courses


def live_course(*, course_id: int) -> CoursePage | None:
    """A live course with its final quiz."""
    return live_courses(course_ids=[course_id]).get(course_id)


def quiz_of(*, course: CoursePage):
    """The course's final quiz (the draft's own in a preview), or None."""
    from quizzes.models import Quiz

    if course.quiz_id is None:
        return None
    quiz = tree.remember(
        ("quiz", course.quiz_id),
        lambda: Quiz.objects.filter(pk=course.quiz_id).first(),
    )
    return tree.fresh(quiz) if quiz is not None else None


def parent_page(*, page):
    parent = tree.remember(("parent", page.path), page.get_parent)
    return tree.fresh(parent) if parent is not None else None


def course_of_module(*, module: ModulePage) -> CoursePage:
    def read():
        return CoursePage.objects.get(
            path=module.path[: -ModulePage.steplen], depth=module.depth - 1
        )

    return tree.fresh(tree.remember(("course of", module.path), read))


def module_after(*, module: ModulePage) -> ModulePage | None:
    """The live module that follows this one in its course, if any."""
    following = tree.remember(
        ("module after", module.path),
        lambda: (
            ModulePage.objects.live()
            .sibling_of(module, inclusive=False)
            .filter(path__gt=module.path)
            .order_by("path")
            .first()
        ),
    )
    return tree.fresh(following) if following is not None else None


def course_modules(*, course: CoursePage) -> list[ModulePage]:
    rows = tree.remember(
        ("modules", course.path),
        lambda: list(ModulePage.objects.live().child_of(course).order_by("path")),
    )
    return [tree.fresh(module) for module in rows]


def _live_modules_by_course_path(
    courses: Iterable[CoursePage],
) -> dict[str, list[tuple[int, str]]]:
    """The live modules of these courses only (a learner's page must not read
    the whole catalogue's modules), by their course's tree path."""
    by_parent: dict[str, list[tuple[int, str]]] = defaultdict(list)
    courses = list(courses)
    if not courses:
        return by_parent

    def read():
        within = Q()
        for course in courses:
            within |= Q(path__startswith=course.path, depth=course.depth + 1)
        return list(
            ModulePage.objects.live()
            .filter(within)
            .order_by("path")
            .values_list("id", "path", "title")
        )

    key = ("module rows", tuple(sorted(course.path for course in courses)))
    for module_id, path, title in tree.remember(key, read):
        by_parent[path[: -ModulePage.steplen]].append((module_id, title))
    return by_parent


def _missing_prerequisites(
    *, user_ids: list[int], course_ids: list[int], today: date
) -> dict[tuple[int, int], list[CoursePage]]:
    """Required courses each person still lacks a valid certificate of, keyed by
    (user id, course id), in three queries."""
    from certificates.models import Certificate

    through = CoursePage.required_courses.through
    # A course listed as its own prerequisite would never open: ignored.
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
    missing: dict[tuple[int, int], list[CoursePage]] = {}
    for user_id in user_ids:
        for course_id, required_id in pairs:
            if (user_id, required_id) not in held and required_id in required:
                missing.setdefault((user_id, course_id), []).append(
                    required[required_id]
                )
    return missing


def with_prerequisite_flag(enrollments: QuerySet[Enrollment]) -> QuerySet:
    """Whether each enrolment's course has prerequisites rides on the enrolment
    query, so courses without any cost nothing more."""
    through = CoursePage.required_courses.through
    return enrollments.annotate(
        has_prerequisites=Exists(
            through.objects.filter(from_coursepage_id=OuterRef("course_id"))
        )
    )


@dataclass
class _Facts:
    """What progress is computed from: enrolments (with their prerequisite
    flag), module completions, passed final attempts and valid certificates."""

    enrollments: list[Enrollment]
    completions: list[tuple[int, int, int]]  # enrolment, module, cycle
    passed: list[tuple[int, int, object]]  # user, course, started at
    certificates: list


def _read_facts(
    *,
    user_ids: list[int],
    course_ids: list[int] | None,
    include_removed: bool,
    enrollments: list[Enrollment] | None,
) -> _Facts:
    from certificates.models import Certificate

    if enrollments is None:
        query = with_prerequisite_flag(Enrollment.objects.filter(user_id__in=user_ids))
        if course_ids is not None:
            query = query.filter(course_id__in=course_ids)
        if not include_removed:
            query = query.filter(removed_at__isnull=True)
        enrollments = list(query)
    if not enrollments:
        return _Facts([], [], [], [])
    return _Facts(
        enrollments=enrollments,
        completions=list(
            ModuleCompletion.objects.filter(enrollment__in=enrollments).values_list(
                "enrollment_id", "module_id", "cycle"
            )
        ),
        passed=list(
            _passed_final_attempts(
                user_id__in=user_ids,
                course_id__in=list({e.course_id for e in enrollments}),
            ).values_list("user_id", "course_id", "started_at")
        ),
        certificates=list(
            Certificate.objects.filter(
                enrollment__in=enrollments, status=Certificate.Status.VALID
            )
        ),
    )


PROGRESS_SECONDS = 600


def progress_version_key(user_id: int) -> str:
    return f"lms:progress:{user_id}:version"


def _own_facts(user_id: int) -> _Facts:
    """One person's current enrolments and what counts towards them, for the
    pages. Kept in the cache (`lms.cache.remember_versioned`) under a version
    that every save or delete of their enrolments, completions, attempts and
    certificates replaces (`courses.apps`), and under the content token (a
    course's final quiz decides which attempts count). Each page unpickles its
    own copies. Only on a request's read path (`content.tree.active`): the
    services decide from the database, under the enrolment's row lock."""
    from lms.cache import remember_versioned

    return remember_versioned(
        version_key=progress_version_key(user_id),
        entry_key=f"lms:progress:{user_id}",
        stamp=tree.token(),
        compute=lambda: _read_facts(
            user_ids=[user_id], course_ids=None, include_removed=False, enrollments=None
        ),
        timeout=PROGRESS_SECONDS,
    )


def progress_matrix(
    *,
    user_ids: Iterable[int],
    courses: Iterable[CoursePage],
    include_removed: bool = False,
    today: date | None = None,
    enrollments: list[Enrollment] | None = None,
    modules: list[ModulePage] | None = None,
) -> dict[tuple[int, int], CourseProgress]:
    """Progress of several people in several courses, in a fixed number of queries
    whatever their number. Keyed by (user id, course id); only enrolments appear,
    and only those not removed unless asked for (the write path's checks).

    A page that has just read the enrolments (through `with_prerequisite_flag`)
    or, for one course, its live modules in order passes them in rather than
    have them read twice. One person's page reads their facts from the cache."""
    courses = {course.pk: course for course in courses}
    user_ids = list(user_ids)
    if not user_ids or not courses:
        return {}
    today = today or timezone.localdate()
    if (
        enrollments is None
        and not include_removed
        and len(user_ids) == 1
        and tree.active()
    ):
        facts = _own_facts(user_ids[0])
        facts.enrollments = [e for e in facts.enrollments if e.course_id in courses]
    else:
        facts = _read_facts(
            user_ids=user_ids,
            course_ids=list(courses),
            include_removed=include_removed,
            enrollments=enrollments,
        )
    enrollments = facts.enrollments
    if not enrollments:
        return {}
    if modules is not None and len(courses) == 1:
        (course,) = courses.values()
        live_modules = {course.path: [(m.pk, m.title) for m in modules]}
    else:
        live_modules = _live_modules_by_course_path(courses.values())
    # Only what belongs to each enrolment's current cycle counts: earlier cycles
    # are history, kept but not progress.
    by_key = {(e.user_id, e.course_id): e for e in enrollments}
    cycles = {e.pk: e.cycle for e in enrollments}
    done: dict[int, set[int]] = defaultdict(set)
    for enrollment_id, module_id, cycle in facts.completions:
        if cycles.get(enrollment_id) == cycle:
            done[enrollment_id].add(module_id)
    passed = {
        (user_id, course_id)
        for user_id, course_id, started_at in facts.passed
        if (user_id, course_id) in by_key
        and by_key[(user_id, course_id)].in_cycle(started_at)
    }
    certificates = {
        (c.user_id, c.course_id): c
        for c in facts.certificates
        if (c.user_id, c.course_id) in by_key
        and by_key[(c.user_id, c.course_id)].in_cycle(c.issued_at)
    }
    gated = {e.course_id for e in enrollments if e.has_prerequisites}
    missing = (
        _missing_prerequisites(user_ids=user_ids, course_ids=list(gated), today=today)
        if gated
        else {}
    )

    result = {}
    for enrollment in enrollments:
        key = (enrollment.user_id, enrollment.course_id)
        course = courses[enrollment.course_id]
        enrollment.course = course  # already loaded: spare the templates a query
        live = live_modules.get(course.path, [])
        live_ids = [module_id for module_id, _title in live]
        done_ids = done[enrollment.pk] & set(live_ids)
        if not course.quiz_id:
            state = QuizState.MISSING
        elif key in passed:
            state = QuizState.PASSED
        elif (
            len(done_ids) == len(live_ids)
            and key not in missing
            and enrollment.removed_at is None
        ):
            state = QuizState.OPEN
        else:
            state = QuizState.LOCKED
        result[key] = CourseProgress(
            course=course,
            enrollment=enrollment,
            modules_total=len(live_ids),
            modules_done=len(done_ids),
            quiz_state=state,
            certificate=certificates.get(key),
            done_module_ids=done_ids,
            module_ids=live_ids,
            module_titles=dict(live),
            missing_prerequisites=missing.get(key, []),
            today=today,
        )
    return result


def progress_for(
    *, user, courses: Iterable[CoursePage], **known
) -> list[CourseProgress]:
    """One person's progress in each of the courses, in their order."""
    courses = list(courses)
    user_ids = [user.pk] if user.is_authenticated else []
    matrix = progress_matrix(user_ids=user_ids, courses=courses, **known)
    return [
        matrix.get((user.pk, course.pk))
        or CourseProgress(course=course, enrollment=None)
        for course in courses
    ]


def user_course_progress(
    *, user, course: CoursePage, modules: list[ModulePage] | None = None
) -> CourseProgress:
    return progress_for(user=user, courses=[course], modules=modules)[0]


def _passed_final_attempts(**filters) -> QuerySet:
    """Passed attempts that can still stand for their course: attempts at the
    course's own final quiz (a policy review's short quiz is taken in the same
    course), and not ones whose certificate was revoked or has expired. A module
    completed later must not bring such a certificate back from the same
    attempt: the learner takes the quiz again."""
    from certificates.models import Certificate
    from quizzes.models import Attempt

    spent = [Certificate.Status.REVOKED, Certificate.Status.EXPIRED]
    return Attempt.objects.filter(
        passed=True, quiz_id=F("course__quiz_id"), **filters
    ).exclude(certificates__status__in=spent)


def enrollment_progress(*, enrollment: Enrollment) -> CourseProgress:
    """The same figures the pages show, for the write path's checks."""
    key = (enrollment.user_id, enrollment.course_id)
    known = {}
    if hasattr(enrollment, "has_prerequisites"):
        known["enrollments"] = [enrollment]  # read with its flag: not again
    return progress_matrix(
        user_ids=[enrollment.user_id],
        courses=[enrollment.course],
        include_removed=True,
        **known,
    )[key]


def passing_attempt(*, enrollment: Enrollment):
    """The first attempt that passed the course's final quiz in the enrolment's
    current cycle."""

    attempts = _passed_final_attempts(
        user_id=enrollment.user_id, course_id=enrollment.course_id
    )
    if enrollment.cycle_started_at is not None:
        attempts = attempts.filter(started_at__gte=enrollment.cycle_started_at)
    return attempts.order_by("submitted_at").first()


def cycle_completed_ids(*, enrollments: Iterable[Enrollment]) -> set[int]:
    """The enrolments whose current cycle is complete: a certificate (not
    revoked) was issued since the cycle started. One query."""
    from certificates.models import Certificate

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


def catalogue_courses(*, catalogue: CourseCatalogPage, user) -> list[CourseProgress]:
    courses = CoursePage.objects.live().public().child_of(catalogue).order_by("path")
    return progress_for(user=user, courses=courses)


@dataclass
class ModuleRow:
    module: ModulePage
    state: ModuleState
    lock: Lock | None

    @property
    def done(self) -> bool:
        return self.state == ModuleState.DONE


def module_rows(progress: CourseProgress, modules: list[ModulePage]):
    if progress.enrollment is None:
        return [ModuleRow(m, ModuleState.OPEN, None) for m in modules]
    return [
        ModuleRow(m, progress.module_state(m.pk), progress.module_lock(m.pk))
        for m in modules
    ]


@dataclass
class CourseOverview:
    progress: CourseProgress
    modules: list[ModuleRow]
    attempts: list
    next_module: ModulePage | None


def course_overview(*, course: CoursePage, user) -> CourseOverview:
    from quizzes.models import Attempt

    modules = course_modules(course=course)
    progress = user_course_progress(user=user, course=course, modules=modules)
    attempts = []
    if progress.enrollment is not None:
        attempts = list(
            Attempt.objects.filter(
                user=user, course=course, state=Attempt.State.GRADED
            ).order_by("-started_at")[:10]
        )
    next_id = progress.next_module_id
    return CourseOverview(
        progress=progress,
        modules=module_rows(progress, modules),
        attempts=attempts,
        next_module=next((m for m in modules if m.pk == next_id), None),
    )


def module_context(*, module: ModulePage, user) -> dict:
    course = course_of_module(module=module)
    modules = course_modules(course=course)
    progress = user_course_progress(user=user, course=course, modules=modules)
    index = next((i for i, m in enumerate(modules) if m.pk == module.pk), 0)
    rows = module_rows(progress, modules)
    lock = progress.module_lock(module.pk) if progress.enrollment else None
    opens = None
    if lock is not None:
        opens = next((m for m in modules if m.pk == lock.opens), lock.opens)
    return {
        "course": course,
        "progress": progress,
        "modules": rows,
        "is_done": module.pk in progress.done_module_ids,
        "lock": lock,
        "lock_opens": opens,
        "previous_module": modules[index - 1] if index > 0 else None,
        "next_module": modules[index + 1] if index + 1 < len(modules) else None,
        "position": index + 1,
    }


def learner_courses(*, user) -> list[CourseProgress]:
    """The learner home: assigned courses first, soonest due date first, then the
    ones I chose myself, newest first."""
    known = {}
    if tree.active():
        # The person's facts from the cache, the courses remembered with the
        # published content; progress_for reads the same facts again.
        enrollments = _own_facts(user.pk).enrollments
        courses = live_courses(course_ids={e.course_id for e in enrollments})
        enrollments = [e for e in enrollments if e.course_id in courses]
        for enrollment in enrollments:
            enrollment.course = courses[enrollment.course_id]
    else:
        # Read once, with their courses, for the sorting and for the progress.
        enrollments = list(
            with_prerequisite_flag(
                Enrollment.objects.filter(
                    user=user, course__live=True, removed_at__isnull=True
                ).select_related("course")
            )
        )
        known["enrollments"] = enrollments
    enrollments.sort(key=lambda e: e.enrolled_at, reverse=True)
    enrollments.sort(
        key=lambda e: (
            not e.is_assigned,
            e.due_date is None,
            e.due_date or date.max if e.is_assigned else date.max,
        )
    )
    return progress_for(user=user, courses=[e.course for e in enrollments], **known)


def resume_url(*, progress: CourseProgress) -> str:
    """Where "continue" sends a learner: the next open module, else the quiz when
    it is open, else the course page (which says what is locked and why)."""
    from django.urls import reverse

    if progress.enrollment is not None:
        next_id = progress.next_module_id
        if next_id is not None:
            module = ModulePage.objects.live().filter(pk=next_id).first()
            if module is not None:
                return module.url
        if progress.quiz_state == QuizState.OPEN:
            return reverse("quizzes:take", args=[progress.course.pk])
    return progress.course.url


def published_courses() -> QuerySet[CoursePage]:
    return CoursePage.objects.live().order_by("path")


@dataclass
class AssignmentRow:
    enrollment: Enrollment
    progress: CourseProgress | None


def course_assignments(*, course: CoursePage) -> list[AssignmentRow]:
    """Everyone enrolled in a course, active first, with who assigned them, why
    and their status; removed assignments stay listed as history."""
    enrollments = list(
        Enrollment.objects.filter(course=course)
        .select_related("user", "user__department", "enrolled_by", "removed_by")
        .order_by(
            F("removed_at").asc(nulls_first=True),
            F("due_date").asc(nulls_last=True),
            "user__last_name",
            "user__first_name",
        )
    )
    matrix = progress_matrix(
        user_ids=[e.user_id for e in enrollments if e.removed_at is None],
        courses=[course],
    )
    return [AssignmentRow(e, matrix.get((e.user_id, course.pk))) for e in enrollments]


def assignable_courses() -> list[CoursePage]:
    return list(CoursePage.objects.live().order_by("title"))


# Inline knowledge checks and the trainer's learner preview -------------------


def knowledge_check(*, module: ModulePage, block_id: str):
    """The knowledge-check block of the module's live body with this id, or None."""
    return next(
        (
            block
            for block in module.body
            if block.block_type == "knowledge_check" and block.id == block_id
        ),
        None,
    )


def knowledge_check_ids(*, module: ModulePage) -> list[str]:
    return [block.id for block in module.body if block.block_type == "knowledge_check"]


def knowledge_answers(
    *, enrollment: Enrollment | None, module: ModulePage
) -> dict[str, KnowledgeCheckResponse]:
    """The learner's answers in one module, by block id, for the module page.
    A module without checks costs no query."""
    if enrollment is None or not knowledge_check_ids(module=module):
        return {}
    responses = KnowledgeCheckResponse.objects.filter(
        enrollment=enrollment, module=module
    )
    if enrollment.cycle_started_at is not None:
        # A restarted course asks again: last cycle's answers do not count.
        responses = responses.filter(answered_at__gte=enrollment.cycle_started_at)
    return {response.block_id: response for response in responses}


def as_new_learner(progress: CourseProgress, *, user) -> CourseProgress:
    """The progress of someone who has just enrolled: what a trainer's preview
    shows, without enrolling the trainer or reading anyone's history."""
    course = progress.course
    return dataclasses.replace(
        progress,
        enrollment=Enrollment(user=user, course=course),
        modules_done=0,
        quiz_state=QuizState.LOCKED if course.quiz_id else QuizState.MISSING,
        certificate=None,
        done_module_ids=set(),
    )


def course_overview_as_new_learner(overview: CourseOverview, *, user) -> CourseOverview:
    progress = as_new_learner(overview.progress, user=user)
    modules = module_rows(progress, [row.module for row in overview.modules])
    return dataclasses.replace(
        overview,
        progress=progress,
        modules=modules,
        attempts=[],
        next_module=modules[0].module if modules else None,
    )
