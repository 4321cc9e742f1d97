"""Personal data: export everything stored about a person, and anonymise a
leaver once the retention period is over.

HR runs both from the admin (`lms/privacy_views.py`); both leave an audit entry.
"""

import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, PageLogEntry

from lms.audit import log

from .models import User

ERROR_STILL_ACTIVE = _("Si possono anonimizzare solo le persone non più attive.")
ERROR_RETENTION = _(
    "Il periodo di conservazione non è ancora trascorso: si potrà anonimizzare "
    "dal %(date)s."
)
_USER_FIELDS_HIDDEN = {"password"}


def _records(person: User) -> dict[str, list]:
    """Every row that belongs to the person, as plain data, by model."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from certificates.models import Certificate
    from certifications.models import CertificationStatus
    from courses.models import Enrollment, ModuleCompletion
    from quizzes.models import Answer, Attempt

    querysets = {
        "enrollments": Enrollment.objects.filter(user=person),
        "module_completions": ModuleCompletion.objects.filter(enrollment__user=person),
        "attempts": Attempt.objects.filter(user=person),
        "answers": Answer.objects.filter(attempt__user=person),
        "certificates": Certificate.objects.filter(user=person),
        "certification_statuses": CertificationStatus.objects.filter(user=person),
        "email_addresses": EmailAddress.objects.filter(user=person),
        # Which second factors exist, never their secrets.
        "second_factors": Authenticator.objects.filter(user=person).only(
            "id", "type", "created_at", "last_used_at"
        ),
        "audit_by_person": ModelLogEntry.objects.filter(user=person),
        "page_audit_by_person": PageLogEntry.objects.filter(user=person),
    }
    data = {
        name: serializers.serialize("python", qs.order_by("pk"))
        for name, qs in querysets.items()
    }
    for entry in data["second_factors"]:
        entry["fields"].pop("data", None)
    (user,) = serializers.serialize("python", [person])
    for field in _USER_FIELDS_HIDDEN:
        user["fields"].pop(field, None)
    data["person"] = [user]
    return data


def person_data_export(*, person: User, actor: User) -> bytes:
    """A ZIP with `data.json` (every record about the person) and the PDFs of
    their certificates; the export itself is audited."""
    data = _records(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for certificate in person.certificates.exclude(pdf=""):
            try:
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(
                        f"certificates/{certificate.verification_code}.pdf", pdf.read()
                    )
            except FileNotFoundError:
                continue
    log(
        instance=person,
        action="lms.person.export",
        user=actor,
        data={"records": {name: len(rows) for name, rows in data.items()}},
    )
    return buffer.getvalue()


def person_retention_ends(*, person: User):
    """The date from which a leaver may be anonymised: the retention period
    counted from their last sign-in (or from when the account was made)."""
    last_seen = person.last_login or person.date_joined
    return (last_seen + timedelta(days=settings.LMS_LEAVER_RETENTION_DAYS)).date()


@transaction.atomic
def person_anonymise(*, person: User, actor: User) -> User:
    """Replace everything that identifies a leaver, keeping the training history
    as anonymous statistics.

    Certificates stay valid and verifiable under the anonymised record (with the
    holder's name printed on them) when `LMS_KEEP_CERTIFICATE_RECORDS` says the
    law requires that record; otherwise their name is replaced and the PDFs are
    deleted.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    if person.is_active:
        raise ValidationError(ERROR_STILL_ACTIVE)
    ends = person_retention_ends(person=person)
    if ends > timezone.localdate():
        raise ValidationError(ERROR_RETENTION, params={"date": ends.isoformat()})

    label = f"anonimo-{person.pk}"
    person.first_name = "Persona"
    person.last_name = f"anonimizzata {person.pk}"
    person.email = f"{label}@anonimo.invalid"
    person.employee_id = None
    person.job_title = ""
    person.hire_date = None
    person.manager = None
    person.department = None
    person.set_unusable_password()
    person.full_clean()
    person.save()
    person.reports.update(manager=None)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()

    kept = settings.LMS_KEEP_CERTIFICATE_RECORDS
    if not kept:
        for certificate in person.certificates.all():
            if certificate.pdf.name:
                certificate.pdf.storage.delete(certificate.pdf.name)
            certificate.pdf = ""
            certificate.pdf_sha256 = ""
            certificate.holder_name = person.full_name
            certificate.save(update_fields=["pdf", "pdf_sha256", "holder_name"])
    log(
        instance=person,
        action="lms.person.anonymise",
        user=actor,
        data={"certificates_kept": kept},
    )
    return person
