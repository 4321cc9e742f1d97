from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Notification


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).only(
        "pk", "title", "body", "url", "created_at", "read_at"
    )
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"title": _("Notifiche"), "page_obj": page},
    )


@login_required
@require_POST
def notification_open(request, notification_id: int):
    # Looked up with the owner: another person's notification is a 404.
    notification = get_object_or_404(
        Notification, pk=notification_id, user=request.user
    )
    services.notifications_mark_read(user=request.user, notification_id=notification.pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host(), _site_host()},
        require_https=request.is_secure(),
    ):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request):
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:list")


def _site_host() -> str:
    from urllib.parse import urlsplit

    from django.conf import settings

    return urlsplit(settings.SITE_URL).netloc
