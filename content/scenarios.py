"""Branching customer scenarios as plain data: the graph, its checks, a walk.

A scenario is a list of steps; the first one opens the conversation. Each step
has the customer's line and 2–4 replies; a reply shows the customer's reaction
and a coach's comment, then leads to another step (`next`) or ends the
conversation with a rating (`ending`). The module block, the learner's stored
path (`courses.ScenarioRun`) and the quiz question kind (its attempt snapshot)
all use this one shape, made of primitives only, so a graph copied into an
attempt grades the same way years later.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

GOOD = "ottimo"
FAIR = "accettabile"
POOR = "da_evitare"
RATINGS = [
    (GOOD, _("Ottimo")),
    (FAIR, _("Accettabile")),
    (POOR, _("Da evitare")),
]
# What an ending is worth when the scenario is a quiz question.
CREDIT = {GOOD: "1", FAIR: "0.5", POOR: "0"}

DUPLICATE_KEY = _("Il codice «{key}» è usato da più passi: ogni passo ha il suo.")
EMPTY_KEY = _("Dai un codice a questo passo, per esempio «inizio».")
NEXT_OR_ENDING = _(
    "Questa risposta non porta da nessuna parte: indica il passo successivo oppure "
    "l'esito."
)
NOT_BOTH = _("Indica il passo successivo oppure l'esito, non entrambi.")
UNKNOWN_STEP = _("Non esiste un passo con il codice «{key}».")
UNREACHABLE = _(
    "Il passo «{key}» non è raggiungibile: nessuna risposta, a partire dal primo "
    "passo, porta qui."
)
CYCLE = _(
    "Le risposte formano un giro chiuso ({path}): ogni percorso deve arrivare a un "
    "esito."
)
NO_GOOD_ENDING = _("Serve almeno un percorso che finisca con l'esito «Ottimo».")
NO_STEPS = _("Lo scenario ha bisogno di almeno un passo.")


def rating_label(rating: str) -> str:
    return str(dict(RATINGS).get(rating, ""))


def graph_from_value(value) -> dict:
    """The primitives of a scenario block's value (a StructValue or the same
    shape in plain dicts). An audio document becomes its URL and title."""
    steps = []
    for step in value.get("steps") or []:
        audio = step.get("audio")
        steps.append(
            {
                "key": (step.get("key") or "").strip(),
                "customer": step.get("customer") or "",
                "audio": (
                    {"url": audio.url, "title": audio.title}
                    if audio is not None and hasattr(audio, "url")
                    else None
                ),
                "choices": [
                    {
                        "text": choice.get("text") or "",
                        "reaction": choice.get("reaction") or "",
                        "coach": choice.get("coach") or "",
                        "next": (choice.get("next_step") or "").strip(),
                        "ending": choice.get("ending") or "",
                    }
                    for choice in step.get("choices") or []
                ],
            }
        )
    return {
        "title": value.get("title") or "",
        "situation": value.get("situation") or "",
        "steps": steps,
    }


@dataclass
class GraphError:
    """One problem, placed where the editor shows it: on a step's field, on one
    reply's field, or on the scenario as a whole (step None)."""

    message: str
    step: int | None = None
    choice: int | None = None
    field: str | None = None


def graph_errors(graph: dict) -> list[GraphError]:
    """Everything that keeps the graph from being played: duplicate or empty step
    codes, replies leading nowhere or to a missing step, steps no path reaches,
    cycles, and no path ending «Ottimo»."""
    steps = graph["steps"]
    if not steps:
        return [GraphError(str(NO_STEPS))]
    errors = []
    index_of: dict[str, int] = {}
    for i, step in enumerate(steps):
        key = step["key"]
        if not key:
            errors.append(GraphError(str(EMPTY_KEY), step=i, field="key"))
        elif key in index_of:
            errors.append(
                GraphError(str(DUPLICATE_KEY).format(key=key), step=i, field="key")
            )
        else:
            index_of[key] = i
    for i, step in enumerate(steps):
        for j, choice in enumerate(step["choices"]):
            if choice["next"] and choice["ending"]:
                errors.append(GraphError(str(NOT_BOTH), step=i, choice=j))
            elif not choice["next"] and not choice["ending"]:
                errors.append(GraphError(str(NEXT_OR_ENDING), step=i, choice=j))
            elif choice["next"] and choice["next"] not in index_of:
                errors.append(
                    GraphError(
                        str(UNKNOWN_STEP).format(key=choice["next"]),
                        step=i,
                        choice=j,
                        field="next_step",
                    )
                )
    if errors:
        # Reachability and cycles only mean something on a well-formed graph.
        return errors
    cycle = _find_cycle(steps, index_of)
    if cycle:
        return [GraphError(str(CYCLE).format(path=" → ".join(cycle)))]
    reached = _reachable(steps, index_of)
    for i, step in enumerate(steps):
        if i not in reached:
            errors.append(
                GraphError(
                    str(UNREACHABLE).format(key=step["key"]), step=i, field="key"
                )
            )
    if not any(
        choice["ending"] == GOOD for i in reached for choice in steps[i]["choices"]
    ):
        errors.append(GraphError(str(NO_GOOD_ENDING)))
    return errors


def _reachable(steps, index_of) -> set[int]:
    seen, todo = {0}, [0]
    while todo:
        for choice in steps[todo.pop()]["choices"]:
            target = index_of.get(choice["next"])
            if target is not None and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _find_cycle(steps, index_of) -> list[str]:
    """The step codes of one cycle (first code repeated at the end), or []."""
    state: dict[int, str] = {}  # "open" while on the current path, then "done"

    def visit(i: int, trail: list[int]) -> list[str]:
        state[i] = "open"
        trail.append(i)
        for choice in steps[i]["choices"]:
            target = index_of.get(choice["next"])
            if target is None:
                continue
            if state.get(target) == "open":
                loop = trail[trail.index(target) :] + [target]
                return [steps[k]["key"] for k in loop]
            if target not in state:
                found = visit(target, trail)
                if found:
                    return found
        trail.pop()
        state[i] = "done"
        return []

    for start in range(len(steps)):
        if start not in state:
            found = visit(start, [])
            if found:
                return found
    return []


@dataclass
class Exchange:
    """One step already played: what the customer said, the reply chosen and
    what came of it."""

    step: dict
    choice: dict
    index: int  # the reply's position in its step


@dataclass
class Walk:
    """Where a path through the graph stands."""

    exchanges: list[Exchange] = field(default_factory=list)
    current: dict | None = None  # the step waiting for a reply
    ending: str = ""  # the rating, once the path ended
    valid: bool = True  # False: the path left the graph (the graph changed)

    @property
    def ended(self) -> bool:
        return bool(self.ending)


def walk(graph: dict, picks: list) -> Walk:
    """Follow `picks` from the first step. A pick is a reply's index in its step,
    a reply's `key` where the graph's replies have keys (a quiz snapshot), or a
    [step code, index] pair (a stored run), which no longer fits once the
    trainer has changed that step's code or order."""
    steps = graph["steps"]
    if not steps:
        return Walk(valid=False)
    index_of = {step["key"]: i for i, step in enumerate(steps)}
    result = Walk(current=steps[0])
    for pick in picks:
        step = result.current
        if step is None:
            result.valid = False
            break
        index = _pick(step, pick)
        if index is None:
            result.current, result.valid = None, False
            break
        choice = step["choices"][index]
        result.exchanges.append(Exchange(step=step, choice=choice, index=index))
        if choice["ending"]:
            result.current, result.ending = None, choice["ending"]
        else:
            target = index_of.get(choice["next"])
            if target is None:
                result.current, result.valid = None, False
                break
            result.current = steps[target]
    return result


def _pick(step: dict, pick) -> int | None:
    """The index of the reply `pick` names in `step`, or None."""
    choices = step["choices"]
    if isinstance(pick, list | tuple):
        if len(pick) != 2 or pick[0] != step["key"]:
            return None
        pick = pick[1]
    if isinstance(pick, int) and not isinstance(pick, bool):
        return pick if 0 <= pick < len(choices) else None
    return next((i for i, c in enumerate(choices) if c.get("key") == pick), None)


def best_path(graph: dict) -> list[int]:
    """The shortest path, as reply indexes, that ends «Ottimo» (the quiz's right
    answer, and the demo's certified colleagues' path); [] if there is none."""
    steps = graph["steps"]
    if not steps:
        return []
    index_of = {step["key"]: i for i, step in enumerate(steps)}
    queue: list[tuple[int, list[int]]] = [(0, [])]
    seen = {0}
    while queue:
        i, picks = queue.pop(0)
        for j, choice in enumerate(steps[i]["choices"]):
            if choice["ending"] == GOOD:
                return [*picks, j]
            target = index_of.get(choice["next"])
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, [*picks, j]))
    return []
