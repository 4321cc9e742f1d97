"""Reads for the learner's pages, shaped for each page.

Progress is computed for many enrolments at once with a fixed number of queries,
so lists do not cost more queries as they grow.
"""

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from .models import (
    CourseCatalogPage,
    CoursePage,
    Enrollment,
    ModuleCompletion,
    ModulePage,
)


class QuizState(enum.StrEnum):
    MISSING = "missing"
    LOCKED = "locked"
    OPEN = "open"
    PASSED = "passed"


@dataclass
class CourseProgress:
    course: CoursePage
    enrollment: Enrollment | None
    modules_total: int = 0
    modules_done: int = 0
    quiz_state: QuizState = QuizState.LOCKED
    certificate: object | None = None
    done_module_ids: set[int] = field(default_factory=set)

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
    def status(self) -> str:
        if self.enrollment is None:
            return "not_enrolled"
        if self.certificate is not None:
            return "certified"
        if self.modules_done or self.quiz_state == QuizState.PASSED:
            return "in_progress"
        return "not_started"


def catalogue_pages() -> QuerySet[CourseCatalogPage]:
    return CourseCatalogPage.objects.live().public().order_by("path")


def course_of_module(*, module: ModulePage) -> CoursePage:
    return CoursePage.objects.get(
        path=module.path[: -ModulePage.steplen], depth=module.depth - 1
    )


def course_modules(*, course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.live().child_of(course).order_by("path"))


def _live_module_ids_by_course_path() -> dict[str, list[int]]:
    by_parent: dict[str, list[int]] = defaultdict(list)
    rows = ModulePage.objects.live().order_by("path").values_list("id", "path")
    for module_id, path in rows:
        by_parent[path[: -ModulePage.steplen]].append(module_id)
    return by_parent


def progress_matrix(
    *, user_ids: Iterable[int], courses: Iterable[CoursePage]
) -> dict[tuple[int, int], CourseProgress]:
    """Progress of several people in several courses, in five queries whatever
    their number. Keyed by (user id, course id); only enrolments appear."""
    from certificates.models import Certificate
    from quizzes.models import Attempt

    courses = {course.pk: course for course in courses}
    user_ids = list(user_ids)
    if not user_ids or not courses:
        return {}
    enrollments = list(
        Enrollment.objects.filter(user_id__in=user_ids, course_id__in=list(courses))
    )
    if not enrollments:
        return {}
    modules = _live_module_ids_by_course_path()
    done: dict[int, set[int]] = defaultdict(set)
    for enrollment_id, module_id in ModuleCompletion.objects.filter(
        enrollment__in=enrollments
    ).values_list("enrollment_id", "module_id"):
        done[enrollment_id].add(module_id)
    passed = set(
        Attempt.objects.filter(
            user_id__in=user_ids, course_id__in=list(courses), passed=True
        ).values_list("user_id", "course_id")
    )
    certificates = {
        (c.user_id, c.course_id): c
        for c in Certificate.objects.filter(
            enrollment__in=enrollments, status=Certificate.Status.VALID
        )
    }

    result = {}
    for enrollment in enrollments:
        key = (enrollment.user_id, enrollment.course_id)
        course = courses[enrollment.course_id]
        enrollment.course = course  # already loaded: spare the templates a query
        live = modules.get(course.path, [])
        done_ids = done[enrollment.pk] & set(live)
        if not course.quiz_id:
            state = QuizState.MISSING
        elif key in passed:
            state = QuizState.PASSED
        elif len(done_ids) == len(live):
            state = QuizState.OPEN
        else:
            state = QuizState.LOCKED
        result[key] = CourseProgress(
            course=course,
            enrollment=enrollment,
            modules_total=len(live),
            modules_done=len(done_ids),
            quiz_state=state,
            certificate=certificates.get(key),
            done_module_ids=done_ids,
        )
    return result


def progress_for(*, user, courses: Iterable[CoursePage]) -> list[CourseProgress]:
    """One person's progress in each of the courses, in their order."""
    courses = list(courses)
    user_ids = [user.pk] if user.is_authenticated else []
    matrix = progress_matrix(user_ids=user_ids, courses=courses)
    return [
        matrix.get((user.pk, course.pk))
        or CourseProgress(course=course, enrollment=None)
        for course in courses
    ]


def user_course_progress(*, user, course: CoursePage) -> CourseProgress:
    return progress_for(user=user, courses=[course])[0]


def enrollment_progress(*, enrollment: Enrollment) -> CourseProgress:
    """The same figures the pages show, for the write path's checks."""
    key = (enrollment.user_id, enrollment.course_id)
    return progress_matrix(user_ids=[enrollment.user_id], courses=[enrollment.course])[
        key
    ]


def passing_attempt(*, enrollment: Enrollment):
    from quizzes.models import Attempt

    return (
        Attempt.objects.filter(
            user_id=enrollment.user_id, course_id=enrollment.course_id, passed=True
        )
        .order_by("submitted_at")
        .first()
    )


def catalogue_courses(*, catalogue: CourseCatalogPage, user) -> list[CourseProgress]:
    courses = CoursePage.objects.live().public().child_of(catalogue).order_by("path")
    return progress_for(user=user, courses=courses)


@dataclass
class CourseOverview:
    progress: CourseProgress
    modules: list[tuple[ModulePage, bool]]
    attempts: list
    next_module: ModulePage | None


def course_overview(*, course: CoursePage, user) -> CourseOverview:
    from quizzes.models import Attempt

    progress = user_course_progress(user=user, course=course)
    modules = course_modules(course=course)
    attempts = []
    if progress.enrollment is not None:
        attempts = list(
            Attempt.objects.filter(
                user=user, course=course, state=Attempt.State.GRADED
            ).order_by("-started_at")[:10]
        )
    pairs = [(m, m.pk in progress.done_module_ids) for m in modules]
    next_module = next((m for m, done in pairs if not done), None)
    return CourseOverview(
        progress=progress, modules=pairs, attempts=attempts, next_module=next_module
    )


def module_context(*, module: ModulePage, user) -> dict:
    course = course_of_module(module=module)
    progress = user_course_progress(user=user, course=course)
    modules = course_modules(course=course)
    index = next((i for i, m in enumerate(modules) if m.pk == module.pk), 0)
    return {
        "course": course,
        "progress": progress,
        "modules": [(m, m.pk in progress.done_module_ids) for m in modules],
        "is_done": module.pk in progress.done_module_ids,
        "previous_module": modules[index - 1] if index > 0 else None,
        "next_module": modules[index + 1] if index + 1 < len(modules) else None,
        "position": index + 1,
    }


def learner_courses(*, user) -> list[CourseProgress]:
    """The learner home: every course I am enrolled in, with its progress."""
    course_ids = list(
        Enrollment.objects.filter(user=user, course__live=True)
        .order_by("-enrolled_at")
        .values_list("course_id", flat=True)
    )
    courses = CoursePage.objects.in_bulk(course_ids)
    return progress_for(user=user, courses=[courses[pk] for pk in course_ids])


def published_courses() -> QuerySet[CoursePage]:
    return CoursePage.objects.live().order_by("path")
