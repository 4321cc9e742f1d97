"""Grading rules, one per question type, on an answer's snapshot only.

Each rule returns a credit between 0 and 1. Nothing here reads the bank, so a
question edited or deleted after the attempt cannot change its grade.
"""

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from content import scenarios

ONE = Decimal(1)
ZERO = Decimal(0)


def normalise_text(value: str) -> str:
    """Case-, accent- and spacing-insensitive form of a short answer."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w\s]", " ", plain.casefold())
    return " ".join(plain.split())


def _fraction(numerator: int | Decimal, denominator: int) -> Decimal:
    if denominator <= 0:
        return ZERO
    value = Decimal(numerator) / Decimal(denominator)
    return max(ZERO, min(ONE, value)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _single(snapshot, response) -> Decimal:
    right = {o["key"] for o in snapshot["options"] if o["correct"]}
    chosen = set(response or [])
    return ONE if len(chosen) == 1 and chosen <= right else ZERO


def _multiple(snapshot, response) -> Decimal:
    """All or nothing; with partial credit, each right option chosen earns
    1/(right options) and each wrong one chosen costs 1/(wrong options),
    never below zero (Moodle's usual rule)."""
    options = snapshot["options"]
    right = {o["key"] for o in options if o["correct"]}
    wrong = {o["key"] for o in options} - right
    chosen = set(response or [])
    if chosen == right and right:
        return ONE
    if not snapshot.get("partial") or not chosen:
        return ZERO
    hits = Decimal(len(chosen & right)) / max(len(right), 1)
    misses = Decimal(len(chosen & wrong)) / max(len(wrong), 1) if wrong else ZERO
    return _fraction(hits - misses, 1)


def _short_text(snapshot, response) -> Decimal:
    given = normalise_text(response if isinstance(response, str) else "")
    accepted = {normalise_text(o["text"]) for o in snapshot["options"]}
    return ONE if given and given in accepted else ZERO


def _ordering(snapshot, response) -> Decimal:
    """response: {key: position from 1}. Right when every step is in its place;
    with partial credit, the share of steps in their place."""
    options = snapshot["options"]
    response = response if isinstance(response, dict) else {}
    placed = sum(
        1 for o in options if str(response.get(o["key"], "")) == str(o["rank"] + 1)
    )
    if placed == len(options):
        return ONE
    return _fraction(placed, len(options)) if snapshot.get("partial") else ZERO


def _matching(snapshot, response) -> Decimal:
    """response: {item key: key of the chosen match}. Right when every pair is;
    with partial credit, the share of right pairs."""
    options = snapshot["options"]
    response = response if isinstance(response, dict) else {}
    paired = sum(1 for o in options if response.get(o["key"]) == o.get("mkey"))
    if paired == len(options):
        return ONE
    return _fraction(paired, len(options)) if snapshot.get("partial") else ZERO


def _branching(snapshot, response) -> Decimal:
    """response: the keys of the replies chosen, in order. Worth what its
    ending is worth (ottimo 1, accettabile 0.5, da evitare 0); a conversation
    left unfinished earns nothing."""
    path = response if isinstance(response, list) else []
    walk = scenarios.walk(snapshot.get("graph") or {"steps": []}, path)
    if not walk.valid or not walk.ended:
        return ZERO
    return Decimal(scenarios.CREDIT[walk.ending])


RULES = {
    "single": _single,
    "true_false": _single,
    "scenario": _single,
    "multiple": _multiple,
    "short_text": _short_text,
    "ordering": _ordering,
    "matching": _matching,
    "branching": _branching,
}


def grade(kind: str, snapshot: dict, response) -> Decimal:
    return RULES[kind](snapshot, response)


def percent(credits: list[Decimal], total: int) -> Decimal:
    if not total:
        return ZERO
    return (Decimal(100) * sum(credits, ZERO) / total).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
