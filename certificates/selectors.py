from django.db.models import QuerySet

from . import codes
from .models import Certificate


def certificates_of(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).order_by("-issued_at")


def certificate_by_code(*, raw_code: str) -> Certificate | None:
    code = codes.normalise(raw_code)
    if code is None:
        return None
    return Certificate.objects.filter(verification_code=code).first()


def replacement_of(*, certificate: Certificate | None) -> Certificate | None:
    """The certificate that superseded this one, for the verification page."""
    if certificate is None or certificate.status != Certificate.Status.SUPERSEDED:
        return None
    return certificate.superseded_by.order_by("-issued_at").first()


def certificates_for_hr(
    *,
    course=None,
    department=None,
    status: str | None = None,
    issued_from=None,
    issued_to=None,
) -> QuerySet[Certificate]:
    """The HR list, its ZIP and its CSV: one query for any number of rows."""
    from datetime import datetime, time, timedelta

    from django.db.models import Q
    from django.utils import timezone

    queryset = Certificate.objects.select_related("user__department").order_by(
        "-issued_at", "-pk"
    )
    if course is not None:
        queryset = queryset.filter(course=course)
    if department is not None:
        queryset = queryset.filter(user__department=department)
    today = timezone.localdate()
    not_expired = Q(expires_at__isnull=True) | Q(expires_at__gte=today)
    if status == Certificate.Status.VALID:
        queryset = queryset.filter(not_expired, status=status)
    elif status == Certificate.Status.EXPIRED:
        queryset = queryset.filter(
            Q(status=status) | Q(status=Certificate.Status.VALID, expires_at__lt=today)
        )
    elif status:
        queryset = queryset.filter(status=status)
    zone = timezone.get_current_timezone()
    if issued_from:
        start = datetime.combine(issued_from, time.min, tzinfo=zone)
        queryset = queryset.filter(issued_at__gte=start)
    if issued_to:
        end = datetime.combine(issued_to + timedelta(days=1), time.min, tzinfo=zone)
        queryset = queryset.filter(issued_at__lt=end)
    return queryset


def certificate_history(*, certificate: Certificate):
    from wagtail.log_actions import registry

    return registry.get_logs_for_instance(certificate).select_related("user")
