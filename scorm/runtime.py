"""The SCORM runtime data we keep, and what it means: pure rules.

The browser runtime (scorm-again) posts its whole CMI object on every commit;
we keep only the elements that resume a learner and say how far they got —
status, score, location and suspend data — each bounded to the length the
standard allows, so a package cannot fill the database through the endpoint.
"""

from dataclasses import dataclass

from .packages import SCORM_12, SCORM_2004

COMPLETED = "completed"
PASSED = "passed"
REQUIREMENTS = (COMPLETED, PASSED)

# Element (dotted, without "cmi.") → the most characters kept.
TRACKED = {
    SCORM_12: {
        "core.lesson_status": 32,
        "core.lesson_location": 255,
        "core.score.raw": 32,
        "core.score.min": 32,
        "core.score.max": 32,
        "core.exit": 32,
        "core.session_time": 32,
        "suspend_data": 4096,
    },
    SCORM_2004: {
        "completion_status": 32,
        "success_status": 32,
        "location": 1000,
        "score.scaled": 32,
        "score.raw": 32,
        "score.min": 32,
        "score.max": 32,
        "progress_measure": 32,
        "exit": 32,
        "session_time": 64,
        "suspend_data": 64000,
    },
}
_12_STATUSES = {"passed", "completed", "failed", "incomplete", "browsed"}


def _lookup(cmi: dict, dotted: str):
    value = cmi
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def tracked_values(version: str, payload) -> dict[str, str]:
    """The elements we keep from a commit's JSON (`{"cmi": {...}}`, nested as
    scorm-again sends it, or flattened as `{"cmi.x.y": ...}`): only strings and
    numbers, cut to the standard's lengths. Elements the commit does not carry
    are left out, so a commit never erases what an earlier one stored."""
    if not isinstance(payload, dict):
        return {}
    cmi = payload.get("cmi")
    kept = {}
    for element, limit in TRACKED[version].items():
        if isinstance(cmi, dict):
            value = _lookup(cmi, element)
        else:
            value = payload.get(f"cmi.{element}")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue
        value = str(value)[:limit]
        kept[element] = value
    return kept


@dataclass(frozen=True)
class Summary:
    completion: str  # "completed", "incomplete", … or ""
    success: str  # "passed", "failed" or ""
    score: str  # the raw score as the package reported it, or ""


def summary(version: str, values: dict) -> Summary:
    """Completion and success in one vocabulary for both versions (SCORM 1.2
    has a single lesson_status: passed and failed imply completed)."""
    if version == SCORM_12:
        status = values.get("core.lesson_status", "")
        if status in ("passed", "failed"):
            return Summary(COMPLETED, status, values.get("core.score.raw", ""))
        return Summary(
            status if status in _12_STATUSES else "",
            "",
            values.get("core.score.raw", ""),
        )
    completion = values.get("completion_status", "")
    success = values.get("success_status", "")
    return Summary(
        completion if completion != "unknown" else "",
        success if success in ("passed", "failed") else "",
        values.get("score.raw", ""),
    )


def satisfies(version: str, values: dict, requirement: str) -> bool:
    """Whether the package reported what the block asks: "completed" (or, for
    SCORM 1.2, passed: passing implies completing) or "passed"."""
    state = summary(version, values)
    if requirement == PASSED:
        return state.success == PASSED
    if version == SCORM_12:
        return values.get("core.lesson_status") in (COMPLETED, PASSED)
    return state.completion == COMPLETED


def resume_data(version: str, values: dict, *, learner_id: str, name: str) -> dict:
    """The JSON the runtime is loaded with before the package starts: the
    learner, and what was stored, so the package resumes where it was left.
    `entry` says whether this is a first launch or a return."""
    data: dict = {}
    for element, value in values.items():
        if element.endswith(("exit", "session_time")):
            continue  # write-only in the standard
        target = data
        parts = element.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    returning = bool(values.get("suspend_data")) or bool(
        values.get("core.lesson_location") or values.get("location")
    )
    if version == SCORM_12:
        core = data.setdefault("core", {})
        core["student_id"] = learner_id
        core["student_name"] = name
        core["entry"] = "resume" if returning else "ab-initio"
    else:
        data["learner_id"] = learner_id
        data["learner_name"] = name
        data["entry"] = "resume" if returning else "ab-initio"
    return data
