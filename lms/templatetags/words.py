"""`{% load words %}`: `{{ quiz.pass_mark|percent_with_article }}` ("l'80 %"),
`{{ attempt.score|percent }}` ("80 %"), `{{ session.starts_at|day_and_hours:
session.ends_at }}` ("lunedì 7 dicembre 2026, 09:30–12:30"; `|capfirst` after
it where a line starts with it), `{{ certificate.issued_at|on_day }}` ("l'8
dicembre 2026"), `{{ certificate.expires_at|short_day }}` in a table
("08/12/2027", "8 Dec 2027") and `{{ attempt.submitted_at|short_moment }}`
("08/12/2026 14:30", "8 Dec 2026 14:30")."""

from django import template
from django.utils.safestring import mark_safe

from lms import words

register = template.Library()


@register.filter
def percent(value) -> str:
    return words.percent(value)


@register.filter
def percent_with_article(value) -> str:
    # Digits, the sign and a fixed article only: the apostrophe of "l'80 %"
    # need not become an entity in the page.
    return mark_safe(words.percent_with_article(value))  # noqa: S308


@register.filter
def on_day(value) -> str:
    # A fixed article, digits and a month's name: no entity for the apostrophe.
    return mark_safe(words.on_day(value))  # noqa: S308


@register.filter
def day_and_hours(start, end) -> str:
    return words.day_and_hours(start, end)


@register.filter
def short_day(value) -> str:
    return words.short_day(value) if value else ""


@register.filter
def short_moment(value) -> str:
    return words.short_moment(value) if value else ""


@register.filter
def short_day_month(value) -> str:
    return words.short_day_month(value) if value else ""
