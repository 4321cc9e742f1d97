"""The certificates' part of a person's personal data and of their
anonymisation (see `people.signals`)."""

from django.conf import settings
from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import Certificate


@receiver(
    people_signals.personal_data_requested, dispatch_uid="certificates_personal_data"
)
def export_certificates(sender, person, **kwargs) -> PersonalData:
    certificates = Certificate.objects.filter(user=person)
    files = {}
    for certificate in certificates.exclude(pdf=""):
        try:
            with certificate.pdf.open("rb") as pdf:
                files[f"certificates/{certificate.verification_code}.pdf"] = pdf.read()
        except FileNotFoundError:
            continue
    return PersonalData(records={"certificates": as_records(certificates)}, files=files)


@receiver(people_signals.person_anonymised, dispatch_uid="certificates_anonymise")
def anonymise_certificates(sender, person, **kwargs) -> dict:
    """Certificates stay valid and verifiable under the anonymised record (with
    the holder's name printed on them) when `LMS_KEEP_CERTIFICATE_RECORDS` says
    the law requires that record; otherwise their name is replaced and the PDFs
    are deleted."""
    kept = settings.LMS_KEEP_CERTIFICATE_RECORDS
    if not kept:
        for certificate in Certificate.objects.filter(user=person):
            if certificate.pdf.name:
                certificate.pdf.storage.delete(certificate.pdf.name)
            certificate.pdf = ""
            certificate.pdf_sha256 = ""
            certificate.holder_name = person.full_name
            certificate.save(update_fields=["pdf", "pdf_sha256", "holder_name"])
    return {"certificates_kept": kept}
