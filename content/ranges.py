"""Audio and video documents served in pieces (HTTP range requests).

Browsers fetch audio and video with `Range:` headers to read the duration and
to seek; Wagtail's document view (and Django's FileResponse) always sends the
whole file, so a player could not jump ahead and iOS would not play at all.
`serve_byte_range` answers those requests with 206 Partial Content. It runs as
Wagtail's `before_serve_document` hook after every access check (Wagtail's
collection restrictions and any project hook with a lower order), so a part of
a file is never easier to get than the whole.

Wagtail takes a hook's answer only if it is an `HttpResponse` (not a streaming
one), so a part is read into memory; parts are at most `MAX_PART` bytes, and
players ask for the next part as they go (HTTP lets a server send less than an
open-ended range asks for: the Content-Range header says what came).
"""

import os
import re

from django.http import HttpResponse

RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$")
MAX_PART = 2 * 1024 * 1024


class Unsatisfiable(Exception):
    pass


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte (inclusive) the header asks for, None when the
    header is not one range we serve (then the whole file goes out, as HTTP
    allows), Unsatisfiable when it asks for bytes the file does not have."""
    match = RANGE.match(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        # "bytes=-N": the last N bytes.
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        raise Unsatisfiable
    return start, end


def _read(path: str, start: int, length: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(length)


def serve_byte_range(document, request):
    header = request.headers.get("Range")
    if not header or request.method not in ("GET", "HEAD"):
        return None
    try:
        path = document.file.path
    except NotImplementedError:
        # Remote storage: the file is streamed whole (or the storage's own URL
        # serves ranges, with WAGTAILDOCS_SERVE_METHOD = "redirect").
        return None
    if not os.path.exists(path):
        return None
    etag = f'"{document.file_hash}"' if document.file_hash else None
    if_range = request.headers.get("If-Range")
    if if_range and if_range != etag:
        return None  # The file changed since the client's copy: send it whole.
    size = os.path.getsize(path)
    try:
        wanted = byte_range(header, size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _secure(response)
    if wanted is None:
        return None
    start, end = wanted
    end = min(end, start + MAX_PART - 1)
    body = _read(path, start, end - start + 1)
    end = start + len(body) - 1
    response = HttpResponse(body, status=206, content_type=document.content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Disposition"] = document.content_disposition
    if etag:
        response["ETag"] = etag
    return _secure(response)


def _secure(response):
    # The same protection Wagtail gives a whole document.
    response["Accept-Ranges"] = "bytes"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
