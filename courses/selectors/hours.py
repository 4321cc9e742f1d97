"""Courses' answer to the hours register (`courses.signals.training_hours`):
each completed module counts its estimated duration on the day it was done."""

import datetime

from django.utils import timezone

from ..models import ModuleCompletion
from ..signals import HoursEntry


def _day_bounds(start: datetime.date, end: datetime.date):
    """The local midnight that opens `start` and the one that closes `end`: a
    module completed at 23:30 in Rome belongs to that Italian day."""
    zone = timezone.get_current_timezone()
    opens = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    closes = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return opens, closes


def module_hours(
    *, user_ids, start: datetime.date, end: datetime.date, course_ids=None
) -> list[HoursEntry]:
    """One entry per module completion in the period (every cycle counts: a
    renewal taken again is training done again), in one query."""
    opens, closes = _day_bounds(start, end)
    rows = ModuleCompletion.objects.filter(
        completed_at__gte=opens, completed_at__lt=closes
    )
    if user_ids is not None:
        rows = rows.filter(enrollment__user_id__in=list(user_ids))
    if course_ids is not None:
        rows = rows.filter(enrollment__course_id__in=list(course_ids))
    rows = rows.order_by("completed_at", "pk").values_list(
        "enrollment__user_id",
        "completed_at",
        "module__estimated_minutes",
        "module__title",
        "enrollment__course_id",
    )
    return [
        HoursEntry(
            user_id=user_id,
            day=timezone.localdate(moment),
            minutes=minutes or 0,
            kind="module",
            label=title,
            course_id=course_id,
        )
        for user_id, moment, minutes, title, course_id in rows
    ]
