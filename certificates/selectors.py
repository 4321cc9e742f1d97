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
