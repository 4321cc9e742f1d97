"""Personal data: export everything stored about a person, and anonymise a
leaver once the retention period is over.

HR runs both from its pages (`people/privacy_views.py`); both leave an audit
entry. The records of the apps above `people` (enrolments, attempts,
certificates, statuses, e-mails) are gathered and anonymised by those apps,
answering the signals `personal_data_requested` and `person_anonymised`.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, PageLogEntry

from lms.audit import log

from .models import User
from .roles import manage_refusal
from .signals import person_anonymised, personal_data_requested

ERROR_STILL_ACTIVE = _("Si possono anonimizzare solo le persone non più attive.")
ERROR_RETENTION = _(
    "Il periodo di conservazione non è ancora trascorso: si potrà anonimizzare "
    "dal %(date)s."
)
_USER_FIELDS_HIDDEN = {"password"}


@dataclass
class PersonalData:
    """One app's part of a personal-data export (see `personal_data_requested`)."""

    records: dict[str, list] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def as_records(queryset) -> list[dict]:
    """Rows as Django's serializer writes them ({"model", "pk", "fields"}), the
    form every section of the export shares."""
    return serializers.serialize("python", queryset.order_by("pk"))


def personal_records(*, dispatch_uid: str):
    """Decorator for an app whose part of the export is records only: the
    decorated `sections(person)` names each section's queryset, and this
    answers `personal_data_requested` with them `as_records`. An app that adds
    files or reshapes rows answers the signal itself."""

    def connect(sections):
        def answer(sender, person, **kwargs) -> PersonalData:
            return PersonalData(
                records={
                    name: as_records(rows) for name, rows in sections(person).items()
                }
            )

        # Not weak: `answer` lives only in the signal's list of receivers.
        personal_data_requested.connect(answer, weak=False, dispatch_uid=dispatch_uid)
        return sections

    return connect


def _own_records(person: User) -> dict[str, list]:
    """What `people` itself, allauth and the audit log keep about the person."""
    data = {
        "email_addresses": as_records(EmailAddress.objects.filter(user=person)),
        # Which second factors exist, never their secrets.
        "second_factors": as_records(
            Authenticator.objects.filter(user=person).only(
                "id", "type", "created_at", "last_used_at"
            )
        ),
        "audit_by_person": as_records(ModelLogEntry.objects.filter(user=person)),
        "page_audit_by_person": as_records(PageLogEntry.objects.filter(user=person)),
    }
    for entry in data["second_factors"]:
        entry["fields"].pop("data", None)
    (user,) = serializers.serialize("python", [person])
    for name in _USER_FIELDS_HIDDEN:
        user["fields"].pop(name, None)
    data["person"] = [user]
    return data


def _require_may_read(*, person: User, actor: User) -> None:
    # HR manages people, not the accounts above them (people.roles): an
    # administrator's or a lead trainer's data is for administrators. Everyone
    # may read their own (`manage_refusal` lets a person change themself).
    refusal = manage_refusal(actor, person)
    if refusal:
        raise PermissionDenied(refusal)


def person_data_export(*, person: User, actor: User) -> bytes:
    """A ZIP with `data.json` (every record about the person, by section) and
    the files the apps add (the PDFs of their certificates); the export itself
    is audited."""
    _require_may_read(person=person, actor=actor)
    data = _own_records(person)
    files: dict[str, bytes] = {}
    for _receiver, part in personal_data_requested.send(sender=User, person=person):
        if part is None:
            continue
        clash = set(part.records) & set(data)
        if clash:
            raise ValueError(f"Export sections given twice: {sorted(clash)}")
        data.update(part.records)
        files.update(part.files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for path, content in sorted(files.items()):
            archive.writestr(path, content)
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
    as anonymous statistics. The apps that keep more about the person (their
    name on certificates, the PDFs) do their part answering `person_anonymised`
    in the same transaction."""
    _require_may_read(person=person, actor=actor)
    if person.is_active:
        raise ValidationError(ERROR_STILL_ACTIVE)
    ends = person_retention_ends(person=person)
    if ends > timezone.localdate():
        raise ValidationError(
            ERROR_RETENTION, params={"date": date_format(ends, "j F Y")}
        )

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

    facts: dict = {}
    for _receiver, result in person_anonymised.send(
        sender=User, person=person, actor=actor
    ):
        facts.update(result or {})
    log(instance=person, action="lms.person.anonymise", user=actor, data=facts)
    return person
