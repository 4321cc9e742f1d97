"""Reads for the notification pages and the header's unread badge."""

from .models import Notification


def unread_count(*, user) -> int:
    """One count on the (user, read_at) index, on every page: cheaper to ask
    than to keep coherent in a cache."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
