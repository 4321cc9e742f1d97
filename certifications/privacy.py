"""The certifications' part of a person's personal data (see `people.signals`)."""

from people.privacy import personal_records

from .models import CertificationStatus


@personal_records(dispatch_uid="certifications_export_statuses")
def export_statuses(person) -> dict:
    return {"certification_statuses": CertificationStatus.objects.filter(user=person)}
