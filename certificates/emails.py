"""The e-mail that brings the holder their certificate, in their language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from .services import certificate_ensure_pdf, certificate_mark_emailed


def send_certificate_email(*, certificate) -> None:
    certificate_ensure_pdf(certificate=certificate)
    holder = certificate.user
    context = {
        "certificate": certificate,
        "verify_url": certificate.get_absolute_verify_url(),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    with translation.override(holder.preferred_language):
        subject = gettext("Il tuo certificato: %(course)s") % {
            "course": certificate.course_title
        }
        text = render_to_string("certificates/email/issued.txt", context)
        html = render_to_string("certificates/email/issued.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[holder.email], from_email=None
    )
    message.attach_alternative(html, "text/html")
    with certificate.pdf.open("rb") as pdf:
        message.attach(
            f"certificato-{certificate.serial or certificate.verification_code}.pdf",
            pdf.read(),
            "application/pdf",
        )
    message.send()
    certificate_mark_emailed(certificate=certificate, to=holder.email)
