"""Small rules of the interface's Italian that a translation catalogue cannot
hold: the article before a percentage and the space before the sign."""

from django.utils.translation import get_language

NBSP = "\u00a0"


def _italian() -> bool:
    return (get_language() or "it").startswith("it")


def percent(value) -> str:
    """ "80 %" in Italian (a non-breaking space before the sign), "80%" in
    English. A score is rounded to the unit."""
    number = round(float(value))
    return f"{number}{NBSP}%" if _italian() else f"{number}%"


def elides(number: int) -> bool:
    """Whether Italian writes "l'" before the number: when its name starts
    with a vowel (uno, undici, otto, ottanta…, ottocento…)."""
    return number in (1, 11) or str(number).startswith("8")


def percent_with_article(value) -> str:
    """The percentage as a sentence says it: "l'80 %", "il 75 %"; in English
    the bare "80%", since English needs no article there."""
    number = round(float(value))
    if not _italian():
        return percent(number)
    return ("l'" if elides(number) else "il ") + percent(number)
