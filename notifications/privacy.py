"""The notifications' part of a person's personal data (see `people.signals`):
the e-mails sent to them and their in-app notifications."""

from people.privacy import personal_records

from .models import EmailRecord, Notification


@personal_records(dispatch_uid="notifications_personal_data")
def export_messages(person) -> dict:
    return {
        "emails": EmailRecord.objects.filter(user=person),
        "notifications": Notification.objects.filter(user=person),
    }
