from django_tasks import task

from .models import EmailRecord
from .services import email_deliver


@task()
def deliver_email(record_id: int) -> None:
    record = EmailRecord.objects.filter(pk=record_id).first()
    # A retried or repeated task finds the e-mail already sent and does nothing.
    if record is not None:
        email_deliver(record=record)
