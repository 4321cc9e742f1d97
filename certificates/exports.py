"""Bulk downloads for HR that stream: a ZIP of PDFs and a CSV, each produced
piece by piece, so memory stays flat however many certificates are selected."""

import csv
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.spreadsheets import neutralise_text

from .services import certificate_ensure_pdf, certificate_log_download

CHUNK = 64 * 1024


class _Sink:
    """A write-only file that hands over what was written since the last call.
    zipfile writes data descriptors when it cannot seek, so this is enough."""

    def __init__(self):
        self._parts: list[bytes] = []
        self._offset = 0

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self._offset

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def zip_stream(certificates: Iterable, *, user) -> Iterator[bytes]:
    """Yield a ZIP of the certificates' PDFs, one chunk at a time. A missing
    file is rendered again from the record; each file is logged as an HR
    download when it is written."""
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            certificate_ensure_pdf(certificate=certificate)
            name = f"{certificate.serial or certificate.pk}.pdf"
            info = zipfile.ZipInfo(
                name,
                date_time=timezone.localtime(certificate.issued_at).timetuple()[:6],
            )
            with (
                certificate.pdf.open("rb") as source,
                archive.open(info, mode="w", force_zip64=True) as target,
            ):
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield sink.take()
            certificate_log_download(certificate=certificate, user=user)
            yield sink.take()
    yield sink.take()


def _safe(value) -> str:
    """Neutralise spreadsheet formulas (`lms.spreadsheets`)."""
    return neutralise_text("" if value is None else str(value))


class _Line:
    def write(self, value):
        return value


def csv_stream(
    certificates: Iterable, *, language: str, delimiter: str = ";"
) -> Iterator[str]:
    """The CSV in the language asked for: the rows are written while the
    response streams, after the request's own language has been switched off,
    so every translated text is taken here, up front. `;` between cells and
    dd/mm/yyyy dates for Italian Excel (`lms.spreadsheets.csv_separator`)."""
    from .models import Certificate

    writer = csv.writer(_Line(), delimiter=delimiter)
    day = "%Y-%m-%d" if language == "en" else "%d/%m/%Y"
    with translation.override(language):
        header = [
            _("Numero di serie"),
            _("Codice di verifica"),
            _("Titolare"),
            _("E-mail"),
            _("Matricola"),
            _("Reparto"),
            _("Corso"),
            _("Versione del corso"),
            _("Punteggio"),
            _("Rilasciato il"),
            _("Scade il"),
            _("Stato"),
            _("Motivo della revoca"),
        ]
        labels = {status: str(status.label) for status in Certificate.Status}
    yield "\ufeff" + writer.writerow(header)
    for c in certificates:
        yield writer.writerow(
            _safe(v)
            for v in (
                c.serial,
                c.verification_code,
                c.holder_name,
                c.user.email,
                c.user.employee_id,
                c.user.department.name if c.user.department else "",
                c.course_title,
                c.course_version,
                c.score,
                timezone.localtime(c.issued_at).strftime(day),
                c.expires_at.strftime(day) if c.expires_at else "",
                labels[c.current_status],
                c.revocation_reason_public,
            )
        )
