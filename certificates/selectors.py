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
