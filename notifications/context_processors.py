def unread_notifications(request):
    """The unread count for the header link: one COUNT query, only when logged in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    return {
        "unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count()
    }
