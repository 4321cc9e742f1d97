"""The `id` path converter: a row's id in a URL."""

from django.urls.converters import IntConverter

# One to eighteen digits: every such number fits the database's signed 64-bit
# integers. URLs (`IdConverter`) and forms (`lms.forms.ModelChoiceField`) take
# a row's id by this one rule.
ID_PATTERN = "[0-9]{1,18}"


class IdConverter(IntConverter):
    """Django's `int` takes any length, and on SQLite a longer number raises
    OverflowError (a 500) where a lookup through a relation, such as a course
    page's id, should simply find nothing; here the URL does not match and the
    answer is the usual 404."""

    regex = ID_PATTERN
