"""Item analysis of a quiz, over its graded attempts.

- Facility index F of a question: the mean credit (0–1) earned on it by every
  attempt that showed it; for right/wrong questions, the share who got it right.
- Discrimination index D (upper/lower 27 % groups, Kelley): rank the attempts
  by score (ties by submission time), take the top and bottom
  n = max(1, round(0.27 × attempts)); D = F among the top group − F among the
  bottom group, each over the attempts of that group that showed the question.
  D runs from −1 to 1; it needs at least two attempts and the question shown in
  both groups, otherwise it is unknown.
- Flags: too easy when F > 0.90, too hard when F < 0.30, negative
  discrimination when D < 0.

Everything is read from the answers' snapshots, so the figures describe what
was asked, whatever the bank says now. Two queries whatever the size, for one
quiz or several.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from content import scenarios

from .models import Answer, Attempt, Quiz

EASY_ABOVE = 0.90
HARD_BELOW = 0.30
GROUP_SHARE = 0.27
CHOICE_KINDS = {"single", "multiple", "true_false", "scenario"}


@dataclass
class OptionCount:
    text: str
    correct: bool
    chosen: int = 0


@dataclass
class QuestionStats:
    key: tuple
    text: str
    kind: str
    shown: int = 0
    credit: float = 0.0
    facility: float | None = None
    discrimination: float | None = None
    options: dict = field(default_factory=dict)

    @property
    def flags(self) -> list[str]:
        from django.utils.translation import gettext as _

        flags = []
        if self.facility is not None and self.facility > EASY_ABOVE:
            flags.append(_("troppo facile"))
        if self.facility is not None and self.facility < HARD_BELOW:
            flags.append(_("troppo difficile"))
        if self.discrimination is not None and self.discrimination < 0:
            flags.append(_("discriminazione negativa"))
        return flags

    @property
    def option_list(self) -> list[OptionCount]:
        return list(self.options.values())


@dataclass
class QuizAnalysis:
    quiz: Quiz
    attempts: int
    passed: int
    distribution: list[tuple[str, int]]
    questions: list[QuestionStats]
    group_size: int

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.attempts if self.attempts else None

    @property
    def distribution_max(self) -> int:
        return max((count for _, count in self.distribution), default=0)


def _bucket(score: Decimal) -> int:
    return min(int(score // 10), 9)


def quiz_analysis(*, quiz: Quiz) -> QuizAnalysis:
    return quiz_analyses(quizzes=[quiz])[quiz.pk]


def quiz_analyses(*, quizzes: list[Quiz]) -> dict[int, QuizAnalysis]:
    """The analysis of several quizzes (a dashboard's), by quiz id, in the
    same two queries as one."""
    ids = [quiz.pk for quiz in quizzes]
    attempts: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Attempt.objects.filter(quiz_id__in=ids, state=Attempt.State.GRADED)
        .order_by("-score", "submitted_at", "pk")
        .values("pk", "quiz_id", "score", "passed")
    ):
        attempts[row["quiz_id"]].append(row)
    answers: dict[int, list[dict]] = defaultdict(list)
    for row in (
        Answer.objects.filter(
            attempt__quiz_id__in=ids, attempt__state=Attempt.State.GRADED
        )
        .order_by("position", "pk")
        .values(
            "attempt__quiz_id",
            "attempt_id",
            "question_id",
            "question_text",
            "kind",
            "snapshot",
            "response",
            "credit",
        )
    ):
        answers[row["attempt__quiz_id"]].append(row)
    return {
        quiz.pk: _analysis(quiz, attempts[quiz.pk], answers[quiz.pk])
        for quiz in quizzes
    }


def _analysis(quiz: Quiz, attempts: list[dict], answers: list[dict]) -> QuizAnalysis:
    total = len(attempts)
    group = max(1, round(GROUP_SHARE * total)) if total >= 2 else 0
    upper = {a["pk"] for a in attempts[:group]}
    lower = {a["pk"] for a in attempts[total - group :]} if group else set()

    bins = [0] * 10
    for attempt in attempts:
        bins[_bucket(attempt["score"])] += 1
    distribution = [
        (f"{n * 10}–{n * 10 + 9 if n < 9 else 100}%", count)
        for n, count in enumerate(bins)
    ]

    stats: dict[tuple, QuestionStats] = {}
    groups: dict[tuple, dict[str, list[float]]] = defaultdict(
        lambda: {"upper": [], "lower": []}
    )
    for row in answers:
        key = (
            ("q", row["question_id"])
            if row["question_id"]
            else ("t", row["question_text"])
        )
        item = stats.get(key)
        if item is None:
            item = stats[key] = QuestionStats(
                key=key, text=row["question_text"], kind=row["kind"]
            )
        credit = float(row["credit"])
        item.shown += 1
        item.credit += credit
        if row["attempt_id"] in upper:
            groups[key]["upper"].append(credit)
        if row["attempt_id"] in lower:
            groups[key]["lower"].append(credit)
        if row["kind"] in CHOICE_KINDS:
            chosen = set(row["response"] or [])
            for option in row["snapshot"].get("options", []):
                count = item.options.setdefault(
                    option["id"], OptionCount(option["text"], option["correct"])
                )
                count.chosen += option["key"] in chosen
    for key, item in stats.items():
        item.facility = item.credit / item.shown if item.shown else None
        top, bottom = groups[key]["upper"], groups[key]["lower"]
        if top and bottom:
            item.discrimination = sum(top) / len(top) - sum(bottom) / len(bottom)
    return QuizAnalysis(
        quiz=quiz,
        attempts=total,
        passed=sum(1 for a in attempts if a["passed"]),
        distribution=distribution,
        questions=list(stats.values()),
        group_size=group,
    )


def response_text(kind: str, snapshot: dict, response) -> str:
    """An answer as a person reads it, for the CSV export."""
    if response in (None, "", [], {}):
        return ""
    options = snapshot.get("options", [])
    texts = {o["key"]: o["text"] for o in options}
    if kind in CHOICE_KINDS:
        return " | ".join(texts.get(k, "?") for k in response)
    if kind == "short_text":
        return str(response)
    if kind == "branching":
        graph = snapshot.get("graph") or {"steps": []}
        walk = scenarios.walk(graph, response if isinstance(response, list) else [])
        return " → ".join(exchange.choice["text"] for exchange in walk.exchanges)
    if kind == "ordering":
        ordered = sorted(response.items(), key=lambda kv: int(kv[1]))
        return " | ".join(f"{pos}. {texts.get(k, '?')}" for k, pos in ordered)
    matches = {o.get("mkey"): o["match"] for o in options}
    return " | ".join(
        f"{texts.get(k, '?')} → {matches.get(v, '?')}" for k, v in response.items()
    )


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
