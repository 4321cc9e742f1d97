"""A learner's progress in a course: the types, the lock rules and the
computation from facts already read. Pure: no queries here, so the rules can be
read (and tested) apart from how the facts are fetched (`courses.selectors`).
"""

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _


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


@dataclass(frozen=True)
class Requirement:
    """A step a higher app adds to a course's completion (an observation on the
    job, a classroom session), answered through `courses.signals.
    completion_requirements`: the certificate waits until every one is met."""

    key: str  # stable, e.g. "observation:12"
    label: str  # what the learner reads: "Osservazione sul lavoro"
    met: bool
    url: str = ""  # where the learner (or whoever acts) goes for it
    waiting_label: str = ""  # when not met: "In attesa di osservazione"


@dataclass
class CourseProgress:
    course: object  # a CoursePage
    enrollment: object | None  # an Enrollment
    modules_total: int = 0
    modules_done: int = 0
    quiz_state: QuizState = QuizState.LOCKED
    certificate: object | None = None
    done_module_ids: set[int] = field(default_factory=set)
    module_ids: list[int] = field(default_factory=list)
    module_titles: dict[int, str] = field(default_factory=dict)
    missing_prerequisites: list = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    today: date | None = None

    @property
    def has_quiz(self) -> bool:
        return self.quiz_state != QuizState.MISSING

    @property
    def steps_total(self) -> int:
        """Modules, the final quiz and any added requirement: the one count every
        page shows ("x di y passi")."""
        return self.modules_total + int(self.has_quiz) + len(self.requirements)

    @property
    def steps_done(self) -> int:
        if self.certificate is not None:
            return self.steps_total
        return (
            self.modules_done
            + int(self.quiz_state == QuizState.PASSED)
            + sum(1 for requirement in self.requirements if requirement.met)
        )

    @property
    def percent(self) -> int:
        if self.certificate is not None:
            return 100
        if not self.steps_total:
            return 0
        return round(100 * self.steps_done / self.steps_total)

    @property
    def pending_requirements(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.met]

    @property
    def due_date(self) -> date | None:
        return self.enrollment.due_date if self.enrollment else None

    @property
    def is_overdue(self) -> bool:
        return (
            self.enrollment is not None
            and self.certificate is None
            and self.due_date is not None
            and self.today is not None
            and self.due_date < self.today
        )

    @property
    def status(self) -> str:
        if self.enrollment is None:
            return Status.NOT_ENROLLED
        if self.certificate is not None:
            return Status.CERTIFIED
        if self.is_overdue:
            return Status.OVERDUE
        if self.steps_done:
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
        """Why a module is closed to this learner, or None when it is open: the
        course's prerequisites, then, in a sequenced course, the first earlier
        module not done (named, so the learner knows which one opens it)."""
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


@dataclass
class Facts:
    """What progress is computed from, read for many people and courses at once:
    enrolments (each with its `has_prerequisites` flag), module completions,
    passed final attempts, valid certificates, each course's live modules, the
    prerequisites each person lacks and the requirements higher apps add."""

    enrollments: list
    completions: Iterable[tuple[int, int, int]]  # enrolment, module, cycle
    passed: Iterable[tuple[int, int, object]]  # user, course, started at
    certificates: Iterable  # Certificate rows (user_id, course_id, issued_at)
    live_modules: dict[str, list[tuple[int, str]]]  # course path → (id, title)
    missing: dict[tuple[int, int], list] = field(default_factory=dict)
    requirements: dict[int, list[Requirement]] = field(default_factory=dict)


def compute(
    *, courses: dict[int, object], facts: Facts, today: date
) -> dict[tuple[int, int], CourseProgress]:
    """Each enrolment's progress, keyed by (user id, course id).

    Only what belongs to an enrolment's current cycle counts: a restarted
    course's earlier completions, attempts and certificates are history."""
    by_key = {(e.user_id, e.course_id): e for e in facts.enrollments}
    cycles = {e.pk: e.cycle for e in facts.enrollments}
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
    result = {}
    for enrollment in facts.enrollments:
        key = (enrollment.user_id, enrollment.course_id)
        course = courses[enrollment.course_id]
        live = facts.live_modules.get(course.path, [])
        live_ids = [module_id for module_id, _title in live]
        done_ids = done[enrollment.pk] & set(live_ids)
        if not course.quiz_id:
            state = QuizState.MISSING
        elif key in passed:
            state = QuizState.PASSED
        elif (
            len(done_ids) == len(live_ids)
            and key not in facts.missing
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
            missing_prerequisites=facts.missing.get(key, []),
            requirements=facts.requirements.get(enrollment.pk, []),
            today=today,
        )
    return result
