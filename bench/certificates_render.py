"""Benchmark: render, sign and store N certificates in one warm process.

    .venv/bin/python bench/certificates_render.py [N]      (default 1000)

Compares, in the same run and on the same HTML, the production path
(template → WeasyPrint PDF/A-3b tagged, shared FontConfiguration and pre-parsed
CSS, PAdES signature in the same save → default_storage), after the same
preparation as a task worker (`lms.tasks_backend.prepare_worker_process`), with a plain
WeasyPrint render (the same page with its CSS inline, no shared state, no PDF/A,
no signature).
Reports median and p95 ms per certificate, PDFs per second, and the process's
resident memory along the run (it must stay flat). Nothing touches the database:
the certificates are unsaved records; storage goes to a temporary MEDIA_ROOT.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import tostring

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from certificates import codes  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from certificates.organisation import Organisation  # noqa: E402
from certificates.pdf import FONTS_DIR, certificate_page, page_to_pdf  # noqa: E402
from lms.tasks_backend import prepare_worker_process  # noqa: E402
from people.models import User  # noqa: E402

# Given, not read from the site setting: nothing here touches the database.
ORGANISATION = Organisation(
    name="Contact Italia S.p.A.",
    logo=None,
    address="Via Roma 1, 20121 Milano",
    registration="P. IVA 01234567890",
)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def certificate(n: int) -> Certificate:
    holder = User(
        email=f"agente{n}@example.com", first_name="Giulia", last_name=f"N{n}"
    )
    return Certificate(
        user=holder,
        serial=f"SC-2026-{n:06d}",
        verification_code=codes.new_code(),
        holder_name=holder.get_full_name(),
        course_title="Fondamenti del servizio clienti",
        course_version="42 (2026-11-01)",
        score=Decimal("92.50"),
        issued_at=timezone.now(),
        expires_at=date(2028, 11, 23),
    )


def render_and_store(record: Certificate):
    """Our path for one certificate (the built-in design); returns its page,
    for the plain render of the same page."""
    page = certificate_page(record, template=None, organisation=ORGANISATION)
    data = page_to_pdf(page, signed=True)
    default_storage.save(f"bench/{record.verification_code}.pdf", ContentFile(data))
    return page


def page_html(page) -> str:
    """The page as HTML text, for the plain render."""
    return "<!DOCTYPE html>\n" + tostring(page, encoding="unicode", method="html")


def plain_render(html: str, css: str) -> bytes:
    """WeasyPrint with nothing prepared: the page as HTML text with the
    stylesheet inline (its fonts resolved in the same folder as ours)."""
    return HTML(
        string=html.replace("</head>", f"<style>{css}</style></head>"),
        base_url=FONTS_DIR.as_uri() + "/",
    ).write_pdf()


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(n: int) -> None:
    css = get_template("certificates/certificate_pdf.css").template.source
    # Warm-up: fonts, CSS and signer are built once per process. Then what a
    # task worker does before its first job (`WarmWorker`), which also moves
    # everything built so far out of the garbage collector's sight.
    for i in range(5):
        page = certificate_page(
            certificate(i), template=None, organisation=ORGANISATION
        )
        page_to_pdf(page, signed=True)
        plain_render(page_html(page), css)
    prepare_worker_process()

    # Our path first, alone, so its memory is measured without the plain
    # renders (each builds its own FontConfiguration, which does not give its
    # memory back); then the plain renders of the same pages.
    ours, plain, samples, pages = [], [], [], []
    start_rss = rss_mb()
    wall = time.perf_counter()
    for i in range(n):
        record = certificate(i)
        t0 = time.perf_counter()
        pages.append(render_and_store(record))
        ours.append((time.perf_counter() - t0) * 1000)
        if (i + 1) % max(1, n // 10) == 0:
            samples.append((i + 1, rss_mb()))
    for page in pages:
        html = page_html(page)
        t0 = time.perf_counter()
        plain_render(html, css)
        plain.append((time.perf_counter() - t0) * 1000)
    plain_rss = rss_mb()
    wall = time.perf_counter() - wall

    ours_s = sum(ours) / 1000
    print(f"certificates: {n}   MEDIA_ROOT: {settings.MEDIA_ROOT}")
    print(
        f"render+sign+store  median {statistics.median(ours):7.1f} ms"
        f"   p95 {percentile(ours, 0.95):7.1f} ms   {n / ours_s:5.1f} PDFs/s"
    )
    print(
        f"plain WeasyPrint   median {statistics.median(plain):7.1f} ms"
        f"   p95 {percentile(plain, 0.95):7.1f} ms"
    )
    print(
        f"ratio of medians   {statistics.median(ours) / statistics.median(plain):.2f}×"
    )
    print(f"wall time (both paths) {wall:.1f} s")
    print(f"RSS after warm-up {start_rss:.0f} MB; along our {n} renders:")
    print("   " + "  ".join(f"{k}: {v:.0f} MB" for k, v in samples))
    print(f"peak growth {max(v for _, v in samples) - start_rss:+.0f} MB")
    # Caches (fonts, glyphs, the plain path's allocator) fill during the first
    # renders; "flat" means no growth after that.
    first = samples[0][1]
    print(f"growth after the first tenth {max(v for _, v in samples) - first:+.0f} MB")
    print(f"RSS after the {n} plain renders {plain_rss:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
