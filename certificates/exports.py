"""Bulk downloads for HR: a ZIP of PDFs that streams piece by piece, so memory
stays flat however many certificates are selected, and the CSV or XLSX of the
same selection in the one certificate column set (`columns`)."""

import zipfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from people.exports import export_response

from . import columns
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


def certificates_export(fmt: str, certificates: QuerySet, *, request):
    """The certificates as CSV or XLSX (`people.exports`: Italian CSV, real
    dates in XLSX), in the one column set (`columns`), read in chunks."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    rows = columns.for_columns(certificates).iterator(chunk_size=500)
    return export_response(
        fmt,
        f"certificati-{stamp}",
        columns.header(),
        columns.export_rows(rows),
        request=request,
        sheet=_("Certificati"),
    )
