"""The attempt form: what a page shows of each question, and what a POST says.

Fields are named by position (`d3`, and `d3-<option key>` for ordering and
matching); values are the attempt's random option keys. Nothing shown carries
correctness, feedback or the authoring order.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import QueryDict

from content import scenarios

from .models import Answer
from .selectors import AskedQuestion
from .services import UNKNOWN_QUESTION

FIELD = re.compile(r"^d(\d{1,4})(?:-([0-9a-f]{1,16}))?$")
SHOWN = "shown"


@dataclass
class Choice:
    key: str
    text: str
    selected: bool = False


@dataclass
class Row:
    """One step (ordering) or item (matching) with its select."""

    key: str
    text: str
    value: str = ""


@dataclass
class QuestionView(AskedQuestion):
    """One question on the quiz page, with the learner's answer so far."""

    choices: list[Choice] = field(default_factory=list)
    text_value: str = ""
    rows: list[Row] = field(default_factory=list)
    row_choices: list[tuple[str, str]] = field(default_factory=list)
    # Branching scenarios: the conversation so far (the customer's reactions,
    # no coach and no rating: those belong to the review), then the step that
    # waits for a reply, or nothing once it has ended.
    turns: list[dict] = field(default_factory=list)
    step: dict | None = None

    @property
    def name(self) -> str:
        return f"d{self.position}"

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple"


def question_view(answer: Answer, data: QueryDict | None = None) -> QuestionView:
    """What the page shows of one answer, filled with the saved response (or the
    posted one, when a page is shown again after an error)."""
    snapshot = answer.snapshot
    response = answer.response
    if data is not None:
        raw = _raw(answer, data)
        response = raw if raw is not None else response
    view = QuestionView.of(answer)
    options = snapshot.get("options", [])
    if answer.kind == "branching":
        walk = scenarios.walk(
            snapshot.get("graph") or {"steps": []},
            answer.response if isinstance(answer.response, list) else [],
        )
        view.turns = [
            {
                "customer": exchange.step["customer"],
                "audio": exchange.step.get("audio"),
                "reply": exchange.choice["text"],
                "reaction": exchange.choice["reaction"],
            }
            for exchange in walk.exchanges
        ]
        if walk.current is not None:
            view.step = {
                "customer": walk.current["customer"],
                "audio": walk.current.get("audio"),
                "choices": [(c["key"], c["text"]) for c in walk.current["choices"]],
            }
        return view
    if answer.kind in ("single", "multiple", "true_false", "scenario"):
        chosen = set(response or []) if not isinstance(response, str) else {response}
        view.choices = [
            Choice(o["key"], o["text"], o["key"] in chosen) for o in options
        ]
    elif answer.kind == "short_text":
        view.text_value = response if isinstance(response, str) else ""
    else:
        values = response if isinstance(response, dict) else {}
        view.rows = [
            Row(o["key"], o["text"], str(values.get(o["key"], ""))) for o in options
        ]
        if answer.kind == "ordering":
            view.row_choices = [(str(n), str(n)) for n in range(1, len(options) + 1)]
        else:
            matches = {o.get("mkey"): o["match"] for o in options}
            view.row_choices = [
                (key, matches[key])
                for key in snapshot.get("match_keys", [])
                if key in matches
            ]
    return view


def _raw(answer: Answer, data: QueryDict):
    name = f"d{answer.position}"
    kind = answer.kind
    if kind == "multiple":
        return data.getlist(name)
    if kind in ("single", "true_false", "scenario"):
        return data.getlist(name)
    if kind == "short_text":
        return data.get(name, "")
    prefix = name + "-"
    return {k.removeprefix(prefix): data.get(k) for k in data if k.startswith(prefix)}


def responses_from_post(answers: list[Answer], data: QueryDict) -> dict[int, object]:
    """{position: raw answer} for the questions the POST carries.

    A question is carried when one of its fields is posted or it is listed in
    `shown` (so unticking every box clears the saved answer). Fields naming a
    question the attempt did not show are refused as a whole. A branching
    scenario is never carried: its replies are added one at a time, and are
    final (`services.attempt_scenario_choose`).
    """
    by_position = {a.position: a for a in answers}
    positions = set()
    for key in data:
        match = FIELD.match(key)
        if match is None:
            continue
        position = int(match.group(1))
        if position not in by_position:
            raise ValidationError(UNKNOWN_QUESTION)
        positions.add(position)
    for value in data.getlist(SHOWN):
        try:
            position = int(value)
        except ValueError:
            raise ValidationError(UNKNOWN_QUESTION) from None
        if position not in by_position:
            raise ValidationError(UNKNOWN_QUESTION)
        positions.add(position)
    return {
        p: _raw(by_position[p], data)
        for p in sorted(positions)
        if by_position[p].kind != "branching"
    }
