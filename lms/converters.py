"""The `id` path converter: a row's id in a URL."""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    """One to eighteen digits, so every id it lets through fits the database's
    signed 64-bit integers. Django's `int` takes any length, and on SQLite a
    longer number raises OverflowError (a 500) where a lookup through a
    relation, such as a course page's id, should simply find nothing; here the
    URL does not match and the answer is the usual 404."""

    regex = "[0-9]{1,18}"
