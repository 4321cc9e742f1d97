"""Certificate PDF rendering with WeasyPrint, then signing.

A worker process builds the expensive parts once and reuses them for every
certificate: one FontConfiguration and the stylesheet parsed against it. The
output is PDF/A-3b (fonts embedded, XMP metadata), tagged, and signed.
"""

import functools

import segno
from django.template.loader import get_template, render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .signing import sign_pdf

PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def base_stylesheet() -> CSS:
    source = get_template("certificates/certificate_pdf.css").template.source
    return CSS(string=source, font_config=font_config())


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)


def render_certificate_html(certificate) -> str:
    verify_url = certificate.get_absolute_verify_url()
    language = certificate.user.preferred_language
    with translation.override(language):
        return render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "qr": qr_data_uri(verify_url),
                "language": language,
            },
        )


def html_to_pdf(html: str) -> bytes:
    """Unsigned PDF/A-3b of a certificate page, with the shared fonts and CSS."""
    return HTML(string=html).write_pdf(
        stylesheets=[base_stylesheet()], font_config=font_config(), **PDF_OPTIONS
    )


def render_certificate_pdf(certificate) -> bytes:
    return sign_pdf(html_to_pdf(render_certificate_html(certificate)))
