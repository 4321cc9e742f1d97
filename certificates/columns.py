"""The one column set of a certificate, for everyone who reads certificates
in bulk: HR's exports (from the certificates list and from the compliance
dashboard, CSV and XLSX alike) and the API's certificate resource
(`api.api.CertificateOut` is built from it). A column added, renamed or
reordered here changes all of them together, so a spreadsheet and a system
fed by the API never disagree about what a certificate says.

Each column has the API's field name, the export's header (translated when
the file is written) and the value, typed: the API serialises it as JSON, the
exports write dates as dates and put the status and yes/no in words of the
reader's language (`export_rows`)."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Certificate


@dataclass(frozen=True)
class Column:
    name: str
    header: Any  # a lazy translation
    type: Any  # the value's type, for the API's schema
    value: Callable[[Certificate], Any]


def _department(certificate: Certificate) -> str | None:
    department = certificate.user.department
    return department.name if department else None


COLUMNS: tuple[Column, ...] = (
    Column("serial", _("Numero di serie"), str, lambda c: c.serial),
    Column(
        "verification_code",
        _("Codice di verifica"),
        str,
        lambda c: c.verification_code,
    ),
    Column("employee_id", _("Matricola"), str | None, lambda c: c.user.employee_id),
    Column("holder_name", _("Titolare"), str, lambda c: c.holder_name),
    Column("email", _("E-mail"), str, lambda c: c.user.email),
    Column("department", _("Reparto"), str | None, _department),
    Column("course_id", _("Codice del corso"), int, lambda c: c.course_id),
    Column("course_title", _("Corso"), str, lambda c: c.course_title),
    Column("course_version", _("Versione del corso"), str, lambda c: c.course_version),
    Column("score", _("Punteggio"), float, lambda c: float(c.score)),
    Column(
        "issued_at",
        _("Rilasciato il"),
        datetime.datetime,
        lambda c: timezone.localtime(c.issued_at),
    ),
    Column("expires_at", _("Scade il"), datetime.date | None, lambda c: c.expires_at),
    # What a reader should see: past its expiry a valid certificate has expired,
    # even before the daily job records it.
    Column("status", _("Stato"), str, lambda c: c.current_status),
    Column(
        "valid",
        _("Valido"),
        bool,
        lambda c: c.current_status == Certificate.Status.VALID,
    ),
    Column(
        "revocation_reason",
        _("Motivo della revoca"),
        str,
        lambda c: c.revocation_reason_public,
    ),
    Column(
        "verify_url",
        _("Indirizzo di verifica"),
        str,
        lambda c: c.get_absolute_verify_url(),
    ),
)


def for_columns(certificates: QuerySet[Certificate]) -> QuerySet[Certificate]:
    """What the columns read besides the certificate, in the same query."""
    return certificates.select_related("user__department")


def record(certificate: Certificate) -> dict[str, Any]:
    """The certificate's values by column name, as the API gives them."""
    return {column.name: column.value(certificate) for column in COLUMNS}


def header() -> list[str]:
    """The export's header row, in the current language."""
    return [str(column.header) for column in COLUMNS]


def export_rows(certificates: Iterable[Certificate]) -> Iterator[tuple]:
    """One row a certificate, in the columns' order. The words are taken now,
    in the current language, not when the rows are read: an export streams
    after the view has returned and its language is gone."""
    statuses = {value: str(label) for value, label in Certificate.Status.choices}
    yes, no = gettext("Sì"), gettext("No")
    words = {"status": statuses.get, "valid": lambda value: yes if value else no}

    def rows():
        for certificate in certificates:
            yield tuple(
                words[column.name](value) if column.name in words else value
                for column in COLUMNS
                for value in (column.value(certificate),)
            )

    return rows()
