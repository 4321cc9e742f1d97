from django_tasks import task

from .models import Certificate
from .services import certificate_pdf_available, certificate_store_pdf


@task()
def render_certificate(certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    # A retried task finds the file already stored and does nothing.
    if not certificate_pdf_available(certificate=certificate):
        certificate_store_pdf(certificate=certificate)
