"""A learner's progress in a course: the types, the lock rules and the
computation from facts already read. Pure: no queries here, so the rules can be
read (and tested) apart from how the facts are fetched (`courses.selectors`).
"""

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
    # Certified, and a review of a changed policy is due: the certificate stands
    # until the review's due date.
    REVIEW_REQUIRED = "review_required"


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


def sequence_lock(*, title: str, opens: int) -> Lock:
    """A module closed until the earlier module `opens` is done, named by
    `title`: the original's here, the reader's language's once presented
    (`courses.selectors.present_rows`)."""
    return Lock(message=LOCKED_BY_SEQUENCE.format(title=title), opens=opens)


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
    # Asked of someone already certified (a policy review): not a step towards
    # the certificate, and it never holds one back; while unmet the course
    # says "review required" instead of "certified".
    review: bool = False


@dataclass(frozen=True)
class Task:
    """Something an app above courses asks the learner to do, shown at the top
    of their home (`courses.signals.learner_tasks`)."""

    key: str
    kind: str  # a short label of what it is: "Revisione di policy"
    title: str
    note: str
    url: str
    action: str  # the button's words: "Inizia la revisione"
    due_date: date | None = None


@dataclass(frozen=True)
class CourseSection:
    """Something an app above courses offers on a course's page (the
    course's classroom sessions), answered through `courses.signals.
    course_sections`: a heading, a line saying what is there, and a link."""

    key: str  # stable, e.g. "sessions:12"
    title: str  # the section's heading: "Sessioni in aula"
    note: str
    url: str
    action: str  # the link's words: "Scegli la sessione"


@dataclass(frozen=True)
class ModuleFact:
    """A live module of a course, as progress needs it."""

    id: int
    title: str
    minutes: int
    first_published_at: object  # datetime | None


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
    # Modules published after the certificate was issued: new content for the
    # certified, shown but optional (a policy change asks for a review instead).
    new_module_ids: set[int] = field(default_factory=set)
    minutes: int = 0  # the course's duration: its live modules' minutes
    today: date | None = None
    # Anything done for the course in this cycle, though no step is complete
    # yet (`courses.selectors.started_enrollment_ids`).
    started: bool = False

    @property
    def has_quiz(self) -> bool:
        return self.quiz_state != QuizState.MISSING

    @property
    def steps(self) -> list[Requirement]:
        """The requirements that are steps towards the certificate."""
        return [r for r in self.requirements if not r.review]

    @property
    def steps_total(self) -> int:
        """Modules, the final quiz and any added requirement: the one count every
        page shows ("x di y passi")."""
        return self.modules_total + int(self.has_quiz) + len(self.steps)

    @property
    def steps_done(self) -> int:
        if self.certificate is not None:
            return self.steps_total
        return (
            self.modules_done
            + int(self.quiz_state == QuizState.PASSED)
            + sum(1 for requirement in self.steps if requirement.met)
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
        """Steps not met yet: the certificate waits for them."""
        return [r for r in self.steps if not r.met]

    @property
    def pending_reviews(self) -> list[Requirement]:
        """Reviews asked of the certified and not done yet."""
        if self.certificate is None:
            return []
        return [r for r in self.requirements if r.review and not r.met]

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
            return Status.REVIEW_REQUIRED if self.pending_reviews else Status.CERTIFIED
        if self.is_overdue:
            return Status.OVERDUE
        if self.steps_done or self.started:
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
        course's prerequisites, then, in a sequenced course, the nearest earlier
        module not done, named, since completing it is what opens this one (in
        order, the one just before; an earlier one only when a module was
        added or left behind)."""
        if module_id in self.done_module_ids:
            return None
        if self.course_lock is not None:
            return self.course_lock
        if self.course.modules_in_order and module_id in self.module_ids:
            earlier = self.module_ids[: self.module_ids.index(module_id)]
            for before in reversed(earlier):
                if before not in self.done_module_ids:
                    title = self.module_titles.get(before, "")
                    return sequence_lock(title=title, opens=before)
        return None

    def module_state(self, module_id: int) -> ModuleState:
        if module_id in self.done_module_ids:
            return ModuleState.DONE
        if self.module_lock(module_id) is not None:
            return ModuleState.LOCKED
        return ModuleState.OPEN

    def with_module_done(self, module_id: int) -> "CourseProgress":
        """This progress once the module is done, by the same rules as
        `compute`: what the completion's own request goes on with (the quiz may
        have opened), without reading the progress again. Only for the writer
        that holds the enrolment's lock and has just recorded the module."""
        if module_id in self.done_module_ids or module_id not in self.module_ids:
            return self
        done = self.done_module_ids | {module_id}
        quiz_state = self.quiz_state
        if quiz_state == QuizState.LOCKED and quiz_opens(
            modules_done=len(done),
            modules_total=len(self.module_ids),
            locked_by_prerequisite=bool(self.missing_prerequisites),
            removed=self.enrollment.removed_at is not None,
        ):
            quiz_state = QuizState.OPEN
        return replace(
            self,
            done_module_ids=done,
            modules_done=len(done),
            quiz_state=quiz_state,
            new_module_ids=self.new_module_ids - {module_id},
        )

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
    passed final attempts, the certificates that complete a course
    (`selectors.completing_certificates`), each course's live modules, the
    prerequisites each person lacks and the requirements higher apps add."""

    enrollments: list
    completions: Iterable[tuple[int, int, int]]  # enrolment, module, cycle
    passed: Iterable[tuple[int, int, object]]  # user, course, started at
    certificates: Iterable  # Certificate rows (user, course, issued_at, status)
    live_modules: dict[str, list[ModuleFact]]  # course path → its live modules
    missing: dict[tuple[int, int], list] = field(default_factory=dict)
    requirements: dict[int, list[Requirement]] = field(default_factory=dict)


def quiz_opens(
    *,
    modules_done: int,
    modules_total: int,
    locked_by_prerequisite: bool,
    removed: bool,
) -> bool:
    """A final quiz not passed yet opens once every live module is done, the
    course's prerequisites are held and the enrolment stands."""
    return modules_done == modules_total and not locked_by_prerequisite and not removed


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
    # The certificate a page shows for the completion: the valid one, else
    # the latest that still stands (a renewal through another course
    # superseded it: the course stays completed).
    certificates = {}
    for c in sorted(
        facts.certificates,
        key=lambda c: (c.status == c.Status.VALID, c.issued_at, c.pk),
    ):
        key = (c.user_id, c.course_id)
        if key in by_key and by_key[key].in_cycle(c.issued_at):
            certificates[key] = c
    result = {}
    for enrollment in facts.enrollments:
        key = (enrollment.user_id, enrollment.course_id)
        course = courses[enrollment.course_id]
        live = facts.live_modules.get(course.path, [])
        live_ids = [module.id for module in live]
        done_ids = done[enrollment.pk] & set(live_ids)
        certificate = certificates.get(key)
        new_ids = set()
        if certificate is not None:
            new_ids = {
                m.id
                for m in live
                if m.id not in done_ids
                and m.first_published_at is not None
                and m.first_published_at > certificate.issued_at
            }
        if not course.quiz_id:
            state = QuizState.MISSING
        elif key in passed:
            state = QuizState.PASSED
        elif quiz_opens(
            modules_done=len(done_ids),
            modules_total=len(live_ids),
            locked_by_prerequisite=key in facts.missing,
            removed=enrollment.removed_at is not None,
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
            certificate=certificate,
            done_module_ids=done_ids,
            module_ids=live_ids,
            module_titles={m.id: m.title for m in live},
            missing_prerequisites=facts.missing.get(key, []),
            requirements=facts.requirements.get(enrollment.pk, []),
            new_module_ids=new_ids,
            minutes=sum(m.minutes for m in live),
            today=today,
        )
    return result
