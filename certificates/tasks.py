from django_tasks import task

from .emails import send_certificate_email
from .models import Certificate
from .services import certificate_ensure_pdf


@task()
def render_certificate(certificate_id: int) -> None:
    """Render and store the PDF, then mail it. A retried task finds the file
    already stored and the e-mail already sent, and does nothing."""
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    certificate_ensure_pdf(certificate=certificate)
    if certificate.emailed_at is None:
        email_certificate.enqueue(certificate.pk)


@task()
def email_certificate(certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    if certificate.emailed_at is None:
        send_certificate_email(certificate=certificate)
