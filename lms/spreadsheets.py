"""The one rule against spreadsheet formulas, for every export of the site.

A cell a spreadsheet could evaluate (`=HYPERLINK(...)` typed as a name, a
label or a file name) is written as text: OWASP's advice, a leading single
quote. The project's exports (`people.exports`) and Wagtail's site history
(`lms.admin_reports`) both go through it.
"""

import datetime

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# CSV for Italian Excel: `;` between cells (the comma is the decimal mark
# there); `?sep=comma` asks for `,`.
CSV_SEPARATORS = {"semicolon": ";", "comma": ","}


def csv_separator(name: str | None) -> str:
    """The CSV separator a request asks for (`sep`); anything else is `;`."""
    return CSV_SEPARATORS.get(name or "semicolon", ";")


def neutralise_text(value):
    """A string that starts like a formula gets a leading quote; anything else
    is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise(value):
    """A cell for the project's own exports: formulas made text, dates in ISO
    form, numbers unchanged, None empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return neutralise_text(str(value))
