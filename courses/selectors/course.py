"""Reads for the catalogue and the course page."""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from content.translation import originals, present
from quizzes.models import Attempt

from .. import signals
from ..models import CourseCatalogPage, CoursePage, Enrollment, ModulePage
from ..progress import (
    CourseProgress,
    CourseSection,
    ModuleState,
    QuizState,
    sequence_lock,
)
from .progress import progress_for, user_course_progress


def catalogue_pages() -> list[CourseCatalogPage]:
    """The catalogues, once each, in the reader's language where translated:
    the learner's home offers one "Sfoglia il catalogo" per catalogue, not one
    per language."""
    return present(
        list(originals(CourseCatalogPage.objects.live().public()).order_by("path"))
    )


def catalogue_courses(*, catalogue: CourseCatalogPage, user) -> list[CourseProgress]:
    courses = CoursePage.objects.live().public().child_of(catalogue).order_by("path")
    return progress_for(user=user, courses=courses)


COVER_FILTER = "fill-640x320"


def with_covers(rows: list[CourseProgress]) -> list[CourseProgress]:
    """Give each row's course its cover image as `course.cover` (a rendition
    for the cards, or None). Two queries whatever the number of courses, none
    when no course has a cover; a missing rendition is made once."""
    from wagtail.images import get_image_model

    ids = {row.course.cover_image_id for row in rows if row.course.cover_image_id}
    images = {}
    if ids:
        images = (
            get_image_model()
            .objects.filter(pk__in=ids)
            .prefetch_renditions(COVER_FILTER)
            .in_bulk()
        )
    for row in rows:
        image = images.get(row.course.cover_image_id)
        row.course.cover = image.get_rendition(COVER_FILTER) if image else None
    return rows


def course_modules(*, course: CoursePage) -> list[ModulePage]:
    """The course's live modules, in course order."""
    return list(ModulePage.objects.live().child_of(course).order_by("path"))


@dataclass
class ModuleRow:
    module: ModulePage
    state: ModuleState
    lock: object | None  # a progress.Lock
    position: int = 0
    is_new: bool = False  # published after the learner's certificate: optional

    @property
    def done(self) -> bool:
        return self.state == ModuleState.DONE


def module_rows(progress: CourseProgress, modules: list[ModulePage]) -> list[ModuleRow]:
    if progress.enrollment is None:
        return [
            ModuleRow(m, ModuleState.OPEN, None, i) for i, m in enumerate(modules, 1)
        ]
    return [
        ModuleRow(
            m,
            progress.module_state(m.pk),
            progress.module_lock(m.pk),
            i,
            is_new=m.pk in progress.new_module_ids,
        )
        for i, m in enumerate(modules, 1)
    ]


@dataclass
class CourseOverview:
    progress: CourseProgress
    modules: list[ModuleRow]
    attempts: list
    next_module: ModulePage | None
    # Why this person may not enrol, said before they try (a refresher for who
    # never held its certification), or "".
    enrolment_refused: str = ""
    # What the apps above offer on the page (`signals.course_sections`).
    sections: list[CourseSection] = dataclasses.field(default_factory=list)

    @property
    def minutes(self) -> int:
        """The course's duration: its live modules' minutes."""
        return sum(row.module.estimated_minutes for row in self.modules)


def course_overview(*, course: CoursePage, user) -> CourseOverview:
    modules = course_modules(course=course)
    progress = user_course_progress(user=user, course=course, modules=modules)
    attempts = []
    if progress.enrollment is not None:
        attempts = list(
            Attempt.objects.filter(
                user=user, course=course, purpose="", state=Attempt.State.GRADED
            ).order_by("-started_at")[:10]
        )
    next_id = progress.next_module_id
    refused = ""
    if progress.enrollment is None and user.is_authenticated:
        refused = enrolment_refusal(user=user, course=course)
    return CourseOverview(
        progress=progress,
        modules=module_rows(progress, modules),
        attempts=attempts,
        next_module=next((m for m in modules if m.pk == next_id), None),
        enrolment_refused=refused,
        sections=course_sections(
            course=course, user=user, enrollment=progress.enrollment
        ),
    )


def course_sections(*, course: CoursePage, user, enrollment) -> list[CourseSection]:
    """What the apps above courses offer on the course's page, to someone
    signed in (`signals.course_sections`), in the order of their keys."""
    if not user.is_authenticated:
        return []
    sections = [
        answer
        for _receiver, answer in signals.course_sections.send(
            sender="courses", course=course, user=user, enrollment=enrollment
        )
        if answer is not None
    ]
    return sorted(sections, key=lambda s: s.key)


def enrolment_refusal(*, user, course: CoursePage) -> str:
    """What `enrollment_create` would answer this person, asked of the same
    hook without enrolling anyone (its receivers only read)."""
    try:
        signals.enrollment_requested.send(sender="courses", user=user, course=course)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


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
        requirements=[dataclasses.replace(r, met=False) for r in progress.requirements],
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


# Two languages: records belong to the original (default-locale) pages; a
# reader is shown each page in their language where it has a live translation
# (`content.translation`). These swap the pages a row shows, never the ids the
# progress was computed with, in one query per page type.


def _present_pages(rows: list, field: str, locale_id: int | None) -> list:
    """The rows with the page in `field` in the reader's language (the rows
    are frozen dataclasses: a row whose page is unchanged is kept as is)."""
    pages = present([getattr(row, field) for row in rows], locale_id)
    return [
        row
        if getattr(row, field) is page
        else dataclasses.replace(row, **{field: page})
        for row, page in zip(rows, pages, strict=True)
    ]


def present_courses(
    rows: list[CourseProgress], locale_id: int | None = None
) -> list[CourseProgress]:
    """Progress rows with each course in the reader's language."""
    return _present_pages(rows, "course", locale_id)


def present_rows(
    rows: list[ModuleRow], locale_id: int | None = None
) -> list[ModuleRow]:
    """Module rows with each module in the reader's language, and a locked
    module's note naming the module that opens it in that language too."""
    shown = _present_pages(rows, "module", locale_id)
    titles = {
        row.module.pk: new.module.title for row, new in zip(rows, shown, strict=True)
    }
    return [
        dataclasses.replace(row, lock=lock)
        if (lock := lock_in_titles(row.lock, titles)) is not row.lock
        else row
        for row in shown
    ]


def lock_in_titles(lock, titles: dict[int, str]):
    """A sequence lock (`opens` a module id) named with the title in `titles`
    (module id → title as the reader reads it); any other lock as it is."""
    if lock is None or not isinstance(lock.opens, int) or lock.opens not in titles:
        return lock
    return sequence_lock(title=titles[lock.opens], opens=lock.opens)


def present_overview(
    overview: CourseOverview, locale_id: int | None = None
) -> CourseOverview:
    rows = present_rows(overview.modules, locale_id)
    by_key = {row.module.translation_key: row.module for row in rows}
    following = overview.next_module
    if following is not None:
        following = by_key.get(following.translation_key, following)
    return dataclasses.replace(overview, modules=rows, next_module=following)
