"""Checking the signature of an uploaded PDF, within bounds.

Verification looks a file's SHA-256 up first (`verification.verify_pdf`), so only
a file that is byte for byte a document we issued reaches this module. Its
signature is still parsed as if the file were hostile, because a PDF parser's
work is set by what the file declares, not by its size: a 47 kB file whose
cross-reference stream declares 12 million entries kept pyHanko busy for
minutes. So, before pyHanko reads anything:

- the size is bounded (`CERTIFICATES_UPLOAD_MAX_BYTES`, checked by the form);
- the objects the file defines, in its body and in its object streams
  (`/N`), are counted (`CERTIFICATES_PDF_MAX_OBJECTS`);
- every cross-reference `/Size` and `/Index` range, and every classic
  cross-reference subsection, is bounded (`CERTIFICATES_PDF_MAX_XREF_ENTRIES`);

then pyHanko decodes streams under tight `DecodeLimits` (a certificate's
streams decode to well under a megabyte), and the whole check runs on one of
two worker threads with a deadline (`CERTIFICATES_PDF_CHECK_SECONDS`): past it
the visitor gets an answer ("could not be checked in time") and the check is
abandoned. A Python thread cannot be stopped from outside; the bounds above are
what keep such a check short, the deadline is what keeps the answer prompt.
"""

import concurrent.futures
import io
import logging
import re
import threading
from dataclasses import dataclass

from django.conf import settings
from pyhanko.pdf_utils.decode_limits import (
    DecodeLimits,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger("certificates.pdf_check")

DEFAULT_MAX_OBJECTS = 2_000
DEFAULT_MAX_XREF_ENTRIES = 10_000
DEFAULT_CHECK_SECONDS = 3.0
MiB = 1024 * 1024

_WS = rb"[ \t\r\n\f\x00]"
_OBJECT = re.compile(
    rb"(?<![0-9])[0-9]{1,10}" + _WS + rb"+[0-9]{1,5}" + _WS + rb"+obj\b"
)
_SIZE = re.compile(rb"/Size" + _WS + rb"*([0-9]+)")
_INDEX = re.compile(rb"/Index" + _WS + rb"*\[([^\]]*)\]")
# An object stream's dictionary: /Type /ObjStm and its count /N, near each other.
_OBJECT_STREAM_COUNT = re.compile(
    rb"/ObjStm[^>]{0,200}?/N"
    + _WS
    + rb"+([0-9]+)|/N"
    + _WS
    + rb"+([0-9]+)[^<>]{0,200}?/ObjStm"
)
_XREF_SUBSECTION = re.compile(
    rb"(?:^|[\r\n])xref[ \t]*[\r\n]+[ \t]*([0-9]+)[ \t]+([0-9]+)", re.M
)

# A certificate's streams (fonts, images, metadata) decode to a few hundred kB.
DECODE_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(
        max_ratio=200, ratio_floor=MiB, max_output_size=16 * MiB
    ),
    per_purpose={},
    document_budget=DocumentDecodeBudget(base_allowance=32 * MiB, max_ratio=10),
)


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool = False
    trusted: bool = False
    whole_file: bool = False
    # Why the file was not parsed at all: "" when it was.
    refused: str = ""
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


NOT_PARSED = SignatureCheck(signed=False, refused="unknown file")


def _limit(name: str, default):
    return getattr(settings, name, None) or default


def out_of_bounds(data: bytes) -> str:
    """Why pyHanko must not read this file ("" when it may): a scan of the
    bytes for what the file declares, in a few milliseconds for 5 MB."""
    max_objects = _limit("CERTIFICATES_PDF_MAX_OBJECTS", DEFAULT_MAX_OBJECTS)
    max_entries = _limit("CERTIFICATES_PDF_MAX_XREF_ENTRIES", DEFAULT_MAX_XREF_ENTRIES)
    objects = len(_OBJECT.findall(data))
    for after, before in _OBJECT_STREAM_COUNT.findall(data):
        objects += int(after or before)
    if objects > max_objects:
        return f"{objects} objects"
    for size in _SIZE.findall(data):
        if int(size) > max_entries:
            return f"/Size {int(size)}"
    for index in _INDEX.findall(data):
        numbers = [int(n) for n in re.findall(rb"[0-9]+", index)]
        if sum(numbers[1::2]) > max_entries:
            return f"/Index declaring {sum(numbers[1::2])} entries"
    for _start, count in _XREF_SUBSECTION.findall(data):
        if int(count) > max_entries:
            return f"xref subsection of {int(count)} entries"
    return ""


def _validate(data: bytes, trusted: list) -> SignatureCheck:
    try:
        reader = PdfFileReader(
            io.BytesIO(data), strict=False, decode_limits=DECODE_LIMITS
        )
        embedded = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any unreadable file is simply "not signed"
        return SignatureCheck(signed=False)
    if not embedded:
        return SignatureCheck(signed=False)
    context = ValidationContext(trust_roots=trusted)
    try:
        status = validate_pdf_signature(embedded[-1], context, skip_diff=True)
    except Exception:  # noqa: BLE001 - a broken signature is an invalid one
        return SignatureCheck(signed=True)
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


_executor: concurrent.futures.ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _pool() -> concurrent.futures.ThreadPoolExecutor:
    # Made on first use, so that each forked web worker has threads of its own.
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=2, thread_name_prefix="pdf-check"
            )
        return _executor


def check_signature(data: bytes, *, trusted: list) -> SignatureCheck:
    """Is the file signed by one of the `trusted` certificates, unaltered, with
    nothing appended after the signature? Within the bounds above."""
    if reason := out_of_bounds(data):
        logger.warning("PDF not parsed: %s", reason)
        return SignatureCheck(signed=False, refused=reason)
    seconds = float(_limit("CERTIFICATES_PDF_CHECK_SECONDS", DEFAULT_CHECK_SECONDS))
    future = _pool().submit(_validate, data, trusted)
    try:
        return future.result(timeout=seconds)
    except concurrent.futures.TimeoutError:
        future.cancel()
        logger.error("PDF signature check abandoned after %s s", seconds)
        return SignatureCheck(signed=False, timed_out=True)
