"""Reads for the trainers' report of the replies agents choose in scenarios."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from content import scenarios
from content.translation import originals

from ..models import CoursePage, ModulePage, ScenarioRun


@dataclass
class ChoiceCount:
    text: str
    count: int
    percent: int  # of the times the step was answered
    leads_to: str  # a step code, or ""
    ending: str  # a rating, or ""

    @property
    def ending_label(self) -> str:
        return scenarios.rating_label(self.ending)


@dataclass
class StepSummary:
    key: str
    customer: str
    answered: int
    choices: list[ChoiceCount]


@dataclass
class ScenarioSummary:
    block_id: str
    title: str
    learners: int
    runs: int
    finished: int
    endings: list[tuple[str, str, int]]  # (rating, label, runs)
    steps: list[StepSummary]
    outdated: int  # runs whose path no longer fits the scenario as edited since


def scenario_summary(*, module: ModulePage) -> list[ScenarioSummary]:
    """Every scenario of the module's live body with how often each reply was
    chosen and how the runs ended, over every learner's runs. One query."""
    blocks = [block for block in module.body if block.block_type == "scenario"]
    rows = defaultdict(list)
    if blocks:
        for row in ScenarioRun.objects.filter(module=module).values(
            "block_id", "enrollment_id", "path", "ending"
        ):
            rows[row["block_id"]].append(row)
    return [_summary(block, rows.get(block.id, [])) for block in blocks]


def _summary(block, runs: list[dict]) -> ScenarioSummary:
    graph = scenarios.graph_from_value(block.value)
    picked: dict[tuple[str, int], int] = defaultdict(int)
    outdated = 0
    for run in runs:
        walk = scenarios.walk(graph, run["path"] or [])
        if not walk.valid:
            outdated += 1
            continue
        for exchange in walk.exchanges:
            picked[(exchange.step["key"], exchange.index)] += 1
    steps = []
    for step in graph["steps"]:
        counts = [picked[(step["key"], i)] for i in range(len(step["choices"]))]
        answered = sum(counts)
        steps.append(
            StepSummary(
                key=step["key"],
                customer=step["customer"],
                answered=answered,
                choices=[
                    ChoiceCount(
                        text=choice["text"],
                        count=count,
                        percent=round(100 * count / answered) if answered else 0,
                        leads_to=choice["next"],
                        ending=choice["ending"],
                    )
                    for choice, count in zip(step["choices"], counts, strict=True)
                ],
            )
        )
    endings = defaultdict(int)
    for run in runs:
        if run["ending"]:
            endings[run["ending"]] += 1
    return ScenarioSummary(
        block_id=block.id,
        title=graph["title"],
        learners=len({run["enrollment_id"] for run in runs}),
        runs=len(runs),
        finished=sum(endings.values()),
        endings=[
            (rating, str(label), endings[rating]) for rating, label in scenarios.RATINGS
        ],
        steps=steps,
        outdated=outdated,
    )


@dataclass
class ScenarioModuleRow:
    module: ModulePage
    course: CoursePage | None
    scenarios: int
    runs: int


def modules_with_scenarios() -> list[ScenarioModuleRow]:
    """Live modules that hold scenarios, with their course and the number of
    runs, for the trainers' report. Three queries, whatever the number."""
    modules = [
        module
        for module in originals(ModulePage.objects.live()).order_by("path")
        if any(block.block_type == "scenario" for block in module.body)
    ]
    if not modules:
        return []
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(
            path__in={m.path[: -ModulePage.steplen] for m in modules}
        )
    }
    runs = defaultdict(int)
    for row in (
        ScenarioRun.objects.filter(module__in=modules)
        .values("module_id")
        .annotate(n=Count("pk"))
    ):
        runs[row["module_id"]] = row["n"]
    return [
        ScenarioModuleRow(
            module=module,
            course=courses.get(module.path[: -ModulePage.steplen]),
            scenarios=sum(1 for block in module.body if block.block_type == "scenario"),
            runs=runs[module.pk],
        )
        for module in modules
    ]
