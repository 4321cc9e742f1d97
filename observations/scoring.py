"""The result of an observation, from its snapshot and scores: pure, no
queries, so the rule can be read and tested apart from the forms."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Result:
    score: Decimal  # percentage of the maximum, two decimals
    passed: bool
    failed_critical: list[str] = field(default_factory=list)  # criteria texts
    groups: dict[str, float] = field(default_factory=dict)  # group → percentage


def percent(got: int, out_of: int) -> Decimal:
    if not out_of:
        return Decimal("0.00")
    return (Decimal(100) * got / out_of).quantize(Decimal("0.01"), ROUND_HALF_UP)


def result(*, snapshot: dict, scores: dict) -> Result:
    """Passed iff the total reaches the pass mark AND every critical criterion
    reaches its minimum: a critical miss fails the observation whatever the
    total. A criterion left unscored counts 0."""
    got = out_of = 0
    per_group: dict[str, list[int]] = {}
    failed = []
    for criterion in snapshot.get("criteria", []):
        value = int(scores.get(criterion["key"], 0) or 0)
        got += value
        out_of += criterion["max"]
        totals = per_group.setdefault(criterion["group"], [0, 0])
        totals[0] += value
        totals[1] += criterion["max"]
        if criterion.get("critical") and value < criterion.get("min", 0):
            failed.append(criterion["text"])
    score = percent(got, out_of)
    return Result(
        score=score,
        passed=score >= snapshot.get("pass_mark", 100) and not failed,
        failed_critical=failed,
        groups={group: float(percent(*totals)) for group, totals in per_group.items()},
    )
