"""Certificate PDF rendering with WeasyPrint.

One FontConfiguration serves the whole worker process: building it is the
expensive part of a render, and it never changes between certificates.
"""

import functools

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0)


def render_certificate_pdf(certificate) -> bytes:
    verify_url = certificate.get_absolute_verify_url()
    language = certificate.user.preferred_language
    with translation.override(language):
        html = render_to_string(
            "certificates/certificate_pdf.html",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "qr": qr_data_uri(verify_url),
                "language": language,
            },
        )
    return HTML(string=html).write_pdf(font_config=_font_config())
