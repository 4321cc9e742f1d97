"""The certifications' part of a person's personal data (see `people.signals`)."""

from people.privacy import PersonalData, as_records

from .models import CertificationStatus


def export_statuses(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "certification_statuses": as_records(
                CertificationStatus.objects.filter(user=person)
            )
        }
    )
