"""Certificate PDF rendering with WeasyPrint, then signing.

A worker process builds the expensive parts once and reuses them for every
certificate: one FontConfiguration and the stylesheet parsed against it. The
output is PDF/A-3b (fonts embedded, XMP metadata), tagged, and signed.
"""

import base64
import functools
import mimetypes
import secrets

from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import floatformat
from django.template.loader import get_template, render_to_string
from django.utils import formats, translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .placeholders import fill
from .qr import qr_png_data_uri
from .signing import SignatureSlot

_DEFAULT = object()

PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def base_stylesheet() -> CSS:
    source = get_template("certificates/certificate_pdf.css").template.source
    return CSS(string=source, font_config=font_config())


@functools.cache
def user_agent_stylesheet() -> CSS:
    """WeasyPrint's HTML defaults without its rules for every element's
    pseudo-elements (list markers, footnote and note calls and markers).

    Those rules match every element, so each element got six pseudo-element
    styles: about 180 of the 210 styles a certificate computed, for lists,
    footnotes and notes a certificate never has. The page renders pixel for
    pixel the same without them, a few ms sooner."""
    from weasyprint.html import UA, UA_COUNTER_STYLE

    source = "\n".join(
        line for line in UA.splitlines() if not line.lstrip().startswith("::")
    )
    return CSS(string=source, counter_style=UA_COUNTER_STYLE)


class _CertificateHTML(HTML):
    # WeasyPrint's hook for its user-agent stylesheet (not public API: if it
    # goes away, certificates still render, with the full defaults).
    def _ua_stylesheets(self, forms=False):
        return [user_agent_stylesheet()]


@functools.lru_cache(maxsize=64)
def _image_data_uri(image_id: int, file_name: str) -> str:
    """Images come through the storage API (file system or S3 alike) as data
    URIs, read once per process per file."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    with image.file.open("rb") as handle:
        data = handle.read()
    kind = mimetypes.guess_type(file_name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _image(image) -> str | None:
    if image is None:
        return None
    try:
        return _image_data_uri(image.pk, image.file.name)
    except (OSError, ObjectDoesNotExist):
        return None  # A lost image never blocks a certificate.


def template_for(certificate):
    from .models import CertificateTemplate

    course = getattr(certificate, "course", None) if certificate.course_id else None
    chosen = getattr(course, "certificate_template", None) if course else None
    return chosen or CertificateTemplate.objects.filter(is_default=True).first()


def placeholder_values(certificate) -> dict[str, str]:
    return {
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "issue_date": formats.date_format(certificate.issued_at, "j F Y"),
        "expiry_date": (
            formats.date_format(certificate.expires_at, "j F Y")
            if certificate.expires_at
            else ""
        ),
        # The same rounding as the score line of the page (`floatformat`), so a
        # certificate never shows two different scores.
        "score": floatformat(certificate.score, 0),
        "hours": formats.number_format(certificate.duration_minutes / 60, 1),
        "serial": certificate.serial or "",
        "verification_code": certificate.display_code,
    }


def render_certificate_html(certificate, template=_DEFAULT) -> str:
    tpl = template_for(certificate) if template is _DEFAULT else template
    verify_url = certificate.get_absolute_verify_url()
    language = certificate.user.preferred_language
    with translation.override(language):
        context = {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr": qr_png_data_uri(verify_url),
            "language": language,
            "tpl": tpl,
        }
        if tpl is not None:
            values = placeholder_values(certificate)
            context.update(
                tpl_title=fill(tpl.title, values),
                tpl_body=fill(tpl.body, values),
                tpl_footer=fill(tpl.footer, values),
                logo=_image(tpl.logo),
                background=_image(tpl.background),
                signatories=[
                    {**person, "image": _image(person["signature"])}
                    for person in tpl.signatories
                ],
            )
        return render_to_string("certificates/certificate_pdf.html", context)


def html_to_pdf(html: str, *, signed: bool = False) -> bytes:
    """PDF/A-3b of a certificate page, with the shared fonts and CSS; signed
    in the same save when asked (`signing.SignatureSlot`)."""
    slot = SignatureSlot() if signed else None
    data = _CertificateHTML(string=html).write_pdf(
        stylesheets=[base_stylesheet()],
        font_config=font_config(),
        finisher=slot.reserve if slot else None,
        # The first half of the file identifier is this file's own, so two
        # renders of one record within a second are still two different
        # files (a regenerated copy never passes for the issued original).
        pdf_identifier=secrets.token_hex(16).encode(),
        **PDF_OPTIONS,
    )
    return slot.fill(data) if slot else data


def render_certificate_pdf(certificate) -> bytes:
    return html_to_pdf(render_certificate_html(certificate), signed=True)


def _sample_certificate(user):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from . import codes
    from .models import Certificate

    now = timezone.now()
    return Certificate(
        user=user,
        serial=f"SC-{now.year}-000123",
        verification_code=codes.new_code(),
        holder_name=user.get_full_name() or "Giulia Bianchi",
        course_title="Fondamenti del servizio clienti",
        duration_minutes=90,
        score=Decimal("92"),
        issued_at=now,
        expires_at=(now + timedelta(days=730)).date(),
    )


def render_sample_pdf(*, template, user, signed: bool = False) -> bytes:
    """The admin's live preview: a template (saved or not) with sample data."""
    return html_to_pdf(
        render_certificate_html(_sample_certificate(user), template=template),
        signed=signed,
    )


def warm_up() -> None:
    """Render and sign one sample certificate, touching no database.

    A task worker calls this once before it starts taking jobs. RQ runs each
    job in a process forked from the worker, and whatever the job builds dies
    with that process: without this, every certificate paid again for a
    FontConfiguration, the parsed stylesheet, the signing key and WeasyPrint's
    and Pango's first-render caches (0.39–0.45 s per certificate through a
    worker instead of 0.14–0.16 s, `bench/worker_certificates.py`). Forked
    after this, every job starts with all of it built."""
    from people.models import User

    holder = User(first_name="Giulia", last_name="Bianchi")
    render_sample_pdf(template=None, user=holder, signed=True)
