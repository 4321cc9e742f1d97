"""The notifications' part of a person's personal data (see `people.signals`):
the e-mails sent to them and their in-app notifications."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import EmailRecord, Notification


@receiver(
    people_signals.personal_data_requested, dispatch_uid="notifications_personal_data"
)
def export_messages(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "emails": as_records(EmailRecord.objects.filter(user=person)),
            "notifications": as_records(Notification.objects.filter(user=person)),
        }
    )
