"""Reads for the notification pages and the header's unread badge."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import Notification

# The badge may lag this long behind a change another process raced with; the
# services clear it whenever a notification arrives or is read.
UNREAD_SECONDS = 60


def _unread_key(user_id: int) -> str:
    return f"lms:unread:{user_id}"


def unread_count(*, user) -> int:
    """Every page shows it, so it is kept in the cache rather than counted from
    the database each time."""
    if not settings.LMS_CACHE_IS_SHARED:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()
    count = cache.get(_unread_key(user.pk))
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(_unread_key(user.pk), count, UNREAD_SECONDS)
    return count


def unread_changed(*, user_id: int) -> None:
    """Forget the cached count once the change is committed."""
    transaction.on_commit(lambda: cache.delete(_unread_key(user_id)))
