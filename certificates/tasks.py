from django_tasks import task

from .models import Certificate
from .services import certificate_email, certificate_ensure_pdf


@task()
def render_certificate(certificate_id: int) -> None:
    """Render and store the PDF, then send it to the holder. A retried task
    finds the file already stored and the e-mail already recorded, and does
    nothing."""
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    certificate_ensure_pdf(certificate=certificate)
    if certificate.emailed_at is None:
        certificate_email(certificate=certificate)
