"""Small rules of the interface's Italian that a translation catalogue cannot
hold: the article before a percentage, the space before the sign, and the
names of days and months in lower case."""

from datetime import datetime

from django.utils import formats, timezone
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


def date_in_words(value, pattern: str) -> str:
    """`value` (a day, or a moment, shown in the site's time zone) in Django's
    date format `pattern`, its days and months named as the language writes
    them in the middle of a sentence: Italian in lower case ("lunedì 7
    dicembre"), where Django's Italian catalogue capitalises the day ("Lunedì
    7 dicembre"); English capitalised. Where a sentence or a line starts with
    it, the caller capitalises the first letter (`capfirst`)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = formats.date_format(value, pattern)
    return text.lower() if _italian() else text


# The article Italian joins to a preposition before a day, plain and elided.
_ARTICLES = {"": ("il ", "l'"), "da": ("dal ", "dall'"), "a": ("al ", "all'")}


def day_after(preposition: str, value) -> str:
    """A day as a sentence names it after an Italian preposition ("" for none,
    "da", "a"), the article joined and elided as Italian writes it: "l'8
    dicembre 2026", "dall'11 dicembre 2026", "al 17 dicembre 2026", "il 1º
    dicembre 2026" (the first of the month is an ordinal). In English the bare
    "8 December 2026", whose "on", "from" or "until" the sentence carries."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    day = date_in_words(value, "j F Y")
    if not _italian():
        return day
    plain, elided = _ARTICLES[preposition]
    if value.day == 1:
        return plain + "1º" + day[1:]
    return (elided if elides(value.day) else plain) + day


def on_day(value) -> str:
    """ "rilasciato l'8 dicembre 2026", "il 17 dicembre 2026"; English "8
    December 2026" (`day_after` with no preposition)."""
    return day_after("", value)


def day_and_hours(start, end) -> str:
    """When something held on one day takes place, as every page, e-mail and
    notice of a session writes it: "lunedì 7 dicembre 2026, 09:30–12:30",
    "Monday 7 December 2026, 09:30–12:30"."""
    return (
        f"{date_in_words(start, 'l j F Y')}, "
        f"{date_in_words(start, 'H:i')}–{date_in_words(end, 'H:i')}"
    )


def short_day(value) -> str:
    """A day in a table or beside other figures: "08/12/2026" as Italian
    writes it; in English "8 Dec 2026", since 08/12/2026 reads as 12 August to
    many English readers, and the English pages name the month elsewhere too."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "d/m/Y" if _italian() else "j M Y")


def short_moment(value) -> str:
    """A moment in a table: `short_day` and the time, "08/12/2026 14:30",
    "8 Dec 2026 14:30"."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{short_day(value)} {formats.date_format(value, 'H:i')}"


def short_day_month(value) -> str:
    """A day on a chart's axis, the year being plain: "04/12" in Italian, "4
    Dec" in English (04/12 reads as 4 December or April 12)."""
    return formats.date_format(value, "d/m" if _italian() else "j M")
