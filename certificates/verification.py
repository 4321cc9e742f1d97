"""Answering "is this certificate genuine?": by code, or by the PDF itself.

A file is the genuine, unaltered document when its SHA-256 is the one recorded at
issue and its signature is ours, intact and covering the whole file. A copy
rendered again after the original file was lost is recognised, but said to be a
copy (see ``services.certificate_store_pdf``).
"""

import enum
import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Certificate
from .signing import SignatureCheck, check_signature


class Verdict(enum.StrEnum):
    GENUINE = "genuine"
    REGENERATED_COPY = "regenerated_copy"
    NOT_GENUINE = "not_genuine"


VERDICT_MESSAGES = {
    Verdict.GENUINE: _("Documento autentico e non alterato."),
    Verdict.REGENERATED_COPY: _(
        "Copia autentica, ricreata dai dati del certificato dopo la perdita del "
        "file originale."
    ),
    Verdict.NOT_GENUINE: _(
        "Documento non autentico o alterato: non corrisponde a nessun certificato "
        "rilasciato."
    ),
}


@dataclass(frozen=True)
class FileVerification:
    verdict: Verdict
    sha256: str
    signature: SignatureCheck
    certificate: Certificate | None

    @property
    def message(self):
        return VERDICT_MESSAGES[self.verdict]


def verify_pdf(data: bytes) -> FileVerification:
    digest = hashlib.sha256(data).hexdigest()
    certificate = (
        Certificate.objects.filter(Q(pdf_sha256=digest) | Q(pdf_copy_sha256=digest))
        .select_related("user")
        .first()
    )
    signature = check_signature(data)
    if certificate is None or not signature.ok:
        verdict = Verdict.NOT_GENUINE
    elif certificate.pdf_sha256 == digest:
        verdict = Verdict.GENUINE
    else:
        verdict = Verdict.REGENERATED_COPY
    return FileVerification(
        verdict=verdict,
        sha256=digest,
        signature=signature,
        certificate=certificate if verdict != Verdict.NOT_GENUINE else None,
    )


def certificate_as_json(certificate: Certificate) -> dict:
    """The public facts, as the verification page shows them."""
    replacement = certificate.superseded_by.order_by("-issued_at").first()
    return {
        "found": True,
        "serial": certificate.serial,
        "verification_code": certificate.verification_code,
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "course_revision": certificate.course_version,
        "issued_at": certificate.issued_at.isoformat(),
        "expires_at": (
            certificate.expires_at.isoformat() if certificate.expires_at else None
        ),
        "status": certificate.current_status,
        "status_label": str(certificate.get_current_status_display()),
        "revocation_reason": certificate.revocation_reason_public or None,
        "superseded_by": replacement.serial if replacement else None,
        "verification_url": certificate.get_absolute_verify_url(),
    }
