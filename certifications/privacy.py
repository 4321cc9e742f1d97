"""The certifications' part of a person's personal data (see `people.signals`)."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import CertificationStatus


@receiver(
    people_signals.personal_data_requested,
    dispatch_uid="certifications_export_statuses",
)
def export_statuses(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "certification_statuses": as_records(
                CertificationStatus.objects.filter(user=person)
            )
        }
    )
