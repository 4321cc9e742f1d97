"""Reads for the module page, its knowledge checks and the trainer's preview."""

from django.db.models import Q

from content.translation import present
from scorm import runtime

from ..models import (
    CoursePage,
    Enrollment,
    KnowledgeCheckResponse,
    ModulePage,
    ScenarioRun,
    ScormRecord,
)
from .course import course_modules, lock_in_titles, module_rows, present_rows
from .progress import user_course_progress


def live_module(*, module_id: int) -> ModulePage | None:
    return ModulePage.objects.live().filter(pk=module_id).first()


def course_of_module(*, module: ModulePage) -> CoursePage:
    return CoursePage.objects.get(
        path=module.path[: -ModulePage.steplen], depth=module.depth - 1
    )


def module_after(*, module: ModulePage) -> ModulePage | None:
    """The live module that follows this one in its course, if any."""
    return (
        ModulePage.objects.live()
        .sibling_of(module, inclusive=False)
        .filter(path__gt=module.path)
        .order_by("path")
        .first()
    )


def module_context(*, module: ModulePage, user) -> dict:
    """Everything the module page shows around the body: its course, the
    learner's progress, the module list with locks, the neighbours and the
    position ("Modulo 3 di 7"). A draft module in a preview is not live yet:
    it takes its place in the course by its tree path."""
    course = course_of_module(module=module)
    modules = course_modules(course=course)
    if module.pk not in {m.pk for m in modules}:
        modules = sorted([*modules, module], key=lambda m: m.path)
    # The module page shows no status word: whether the course has started
    # is not asked.
    progress = user_course_progress(
        user=user, course=course, modules=modules, activity=False
    )
    index = next((i for i, m in enumerate(modules) if m.pk == module.pk), 0)
    lock = progress.module_lock(module.pk) if progress.enrollment else None
    opens = None
    if lock is not None:
        opens = next((m for m in modules if m.pk == lock.opens), lock.opens)
    # Where the learner can act now: the first open module not done.
    resume = next((m for m in modules if m.pk == progress.next_module_id), None)
    return {
        "course": course,
        "progress": progress,
        "modules": module_rows(progress, modules),
        "is_done": module.pk in progress.done_module_ids,
        "lock": lock,
        "lock_opens": opens,
        "resume_module": resume,
        "previous_module": modules[index - 1] if index > 0 else None,
        "next_module": modules[index + 1] if index + 1 < len(modules) else None,
        "position": index + 1,
        "module_count": len(modules),
    }


def present_module_context(context: dict, locale_id: int | None = None) -> dict:
    """The module page's surroundings (`module_context`, computed on the
    original pages) with the course and the modules in the reader's language."""
    rows = present_rows(context["modules"], locale_id)
    by_key = {row.module.translation_key: row.module for row in rows}
    titles = {
        row.module.pk: new.module.title
        for row, new in zip(context["modules"], rows, strict=True)
    }

    def shown(page):
        if page is None or not hasattr(page, "translation_key"):
            return page
        return by_key.get(page.translation_key, page)

    return {
        **context,
        "course": present([context["course"]], locale_id)[0],
        "modules": rows,
        "lock": lock_in_titles(context["lock"], titles),
        "lock_opens": shown(context["lock_opens"]),
        "resume_module": shown(context["resume_module"]),
        "previous_module": shown(context["previous_module"]),
        "next_module": shown(context["next_module"]),
    }


def block_ids(*, module: ModulePage, block_type: str) -> list[str]:
    """The ids of the body's blocks of one type, read from the stored stream:
    no block is converted, so the body's images and documents are not loaded
    (a module page whose shared blocks come from the cache loads none)."""
    return [item["id"] for item in module.body.raw_data if item["type"] == block_type]


def body_block(*, module: ModulePage, block_type: str, block_id: str):
    """The block of this type and id in the module's live body, or None: what a
    learner's answer, scenario choice or SCORM data is checked against."""
    return next(
        (
            block
            for block in module.body
            if block.block_type == block_type and block.id == block_id
        ),
        None,
    )


def _nothing_to_read(
    enrollment: Enrollment | None, module: ModulePage, block_type: str
) -> bool:
    """No saved enrolment, or no block of this type in the module: the learner
    has no record of it, and the page asks the database nothing."""
    return (
        enrollment is None
        or enrollment.pk is None
        or not block_ids(module=module, block_type=block_type)
    )


def knowledge_answers(
    *, enrollment: Enrollment | None, module: ModulePage
) -> dict[str, KnowledgeCheckResponse]:
    """The learner's answers in one module, by block id, for the module page.
    A module without checks costs no query."""
    if _nothing_to_read(enrollment, module, "knowledge_check"):
        return {}
    responses = KnowledgeCheckResponse.objects.filter(
        enrollment=enrollment, module=module
    )
    if enrollment.cycle_started_at is not None:
        # A restarted course asks again: last cycle's answers do not count.
        responses = responses.filter(answered_at__gte=enrollment.cycle_started_at)
    return {response.block_id: response for response in responses}


def scenario_runs(
    *, enrollment: Enrollment | None, module: ModulePage
) -> dict[str, ScenarioRun]:
    """The learner's latest run of each scenario of the module in the current
    cycle, by block id. A module without scenarios costs no query."""
    if _nothing_to_read(enrollment, module, "scenario"):
        return {}
    runs = ScenarioRun.objects.filter(enrollment=enrollment, module=module)
    if enrollment.cycle_started_at is not None:
        runs = runs.filter(started_at__gte=enrollment.cycle_started_at)
    return {run.block_id: run for run in runs.order_by("pk")}


def scenarios_finished(*, enrollment: Enrollment, module: ModulePage) -> bool:
    """Whether each scenario of the module has a finished run in this cycle."""
    wanted = set(block_ids(module=module, block_type="scenario"))
    if not wanted:
        return True
    runs = ScenarioRun.objects.filter(
        enrollment=enrollment, module=module, block_id__in=wanted
    ).exclude(ending="")
    if enrollment.cycle_started_at is not None:
        runs = runs.filter(started_at__gte=enrollment.cycle_started_at)
    return set(runs.values_list("block_id", flat=True).distinct()) == wanted


def modules_to_review(*, attempt) -> list[ModulePage]:
    """The course's live modules that teach the topics of the questions the
    learner got wrong in this attempt, in course order (one query).

    A question's topic is read from the attempt's snapshot, so editing the bank
    later does not change the advice; attempts made before snapshots kept the
    topic fall back to the question's current one."""
    wrong = [answer for answer in attempt.answers.all() if not answer.is_correct]
    topic_ids = {a.snapshot["topic"] for a in wrong if a.snapshot.get("topic")}
    question_ids = {
        a.question_id for a in wrong if "topic" not in a.snapshot and a.question_id
    }
    if not topic_ids and not question_ids:
        return []
    return list(
        ModulePage.objects.live()
        .child_of(attempt.course)
        .filter(Q(topics__in=topic_ids) | Q(topics__questions__in=question_ids))
        .distinct()
        .order_by("path")
    )


def scorm_records(
    *, enrollment: Enrollment | None, module: ModulePage
) -> dict[str, ScormRecord]:
    """The learner's SCORM data in the module for the enrolment's current
    cycle, by block id. A module without packages costs no query."""
    if _nothing_to_read(enrollment, module, "scorm"):
        return {}
    records = ScormRecord.objects.filter(
        enrollment=enrollment, module=module, cycle=enrollment.cycle
    )
    return {record.block_id: record for record in records}


def scorm_start(*, enrollment: Enrollment | None, module: ModulePage, user) -> dict:
    """What the runtime of each package block starts with (by block id): the
    learner and their stored data, to resume. Empty without an enrolment."""
    if _nothing_to_read(enrollment, module, "scorm"):
        return {}
    records = scorm_records(enrollment=enrollment, module=module)
    start = {}
    for block in module.body:
        if block.block_type != "scorm" or block.value.get("package") is None:
            continue
        record = records.get(block.id)
        start[block.id] = runtime.resume_data(
            block.value["package"].version,
            record.data if record is not None else {},
            learner_id=str(user.pk),
            name=user.get_full_name() or user.email,
        )
    return start


def scorm_satisfied(*, enrollment: Enrollment, module: ModulePage) -> bool:
    """Whether each package of the module reported what its block asks, in
    the current cycle. A block whose package was deleted asks nothing."""
    wanted = {
        block.id
        for block in module.body
        if block.block_type == "scorm" and block.value.get("package") is not None
    }
    if not wanted:
        return True
    done = ScormRecord.objects.filter(
        enrollment=enrollment,
        module=module,
        cycle=enrollment.cycle,
        block_id__in=wanted,
        satisfied_at__isnull=False,
    ).values_list("block_id", flat=True)
    return set(done) == wanted
