"""Answering "is this certificate genuine?": by code, by the PDF itself, or by
its Open Badge credential (`badges.verify_credential`).

A file is the genuine, unaltered document when its SHA-256 is the one recorded at
issue and its signature is ours (the current key or a previous one still
trusted), intact and covering the whole file. The hash is looked up first: a
file that matches no certificate is answered at once and never parsed, and one
that does is parsed within bounds (`pdf_check`). A copy rendered again after
the original file was lost is recognised, but said to be a copy (see
``services.certificate_store_pdf``).

Whatever was uploaded, the visitor gets one verdict that joins both facts, the
document's authenticity and the certificate's status: a genuine file of a
revoked certificate is "revoked", explained, never "genuine" beside "revoked".
"""

import enum
import hashlib
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Certificate
from .pdf_check import NOT_PARSED, SignatureCheck, check_signature
from .signing import trusted_signing_certs


class Verdict(enum.StrEnum):
    """What the uploaded file is (the JSON answer's `verdict`)."""

    GENUINE = "genuine"
    REGENERATED_COPY = "regenerated_copy"
    NOT_GENUINE = "not_genuine"
    UNCHECKED = "unchecked"


VERDICT_MESSAGES = {
    Verdict.GENUINE: gettext_lazy("Documento autentico e non alterato."),
    Verdict.REGENERATED_COPY: gettext_lazy(
        "Copia autentica, ricreata dai dati del certificato dopo la perdita del "
        "file originale."
    ),
    Verdict.NOT_GENUINE: gettext_lazy(
        "Documento non autentico o alterato: non corrisponde a nessun certificato "
        "rilasciato."
    ),
    Verdict.UNCHECKED: gettext_lazy(
        "Il file corrisponde a un certificato, ma non è stato possibile controllarne "
        "la firma entro il tempo massimo. Riprova tra qualche minuto."
    ),
}
CREDENTIAL_GENUINE = gettext_lazy(
    "Credenziale autentica: firmata da noi e non alterata."
)
CREDENTIAL_NOT_GENUINE = gettext_lazy(
    "Credenziale non autentica o alterata: non corrisponde a nessun certificato "
    "rilasciato."
)


@dataclass(frozen=True)
class Outcome:
    """The one verdict a visitor reads: `tone` is valid (green), invalid (red)
    or unknown, `title` the verdict, `explanation` both facts in words."""

    tone: str
    title: str
    explanation: str

    @property
    def valid(self) -> bool:
        return self.tone == "valid"


def outcome(*, authentic: bool | None, certificate, document) -> Outcome:
    """One verdict from what the file is (`authentic`: None when it could not
    be checked; `document` says it in words) and the certificate's status."""
    document = str(document)
    if authentic is None:
        return Outcome("unknown", _("Verifica non conclusa"), document)
    if not authentic or certificate is None:
        return Outcome("invalid", _("Non autentico"), document)
    status = certificate.current_status
    if status == Certificate.Status.VALID:
        return Outcome("valid", _("Certificato valido"), document)
    if status == Certificate.Status.REVOKED:
        when = certificate.revoked_at
        fact = (
            _("Il certificato è stato revocato il %(date)s.")
            % {"date": formats.date_format(when, "j F Y")}
            if when
            else _("Il certificato è stato revocato.")
        )
        if certificate.revocation_reason_public:
            fact += " " + _("Motivo: %(reason)s") % {
                "reason": certificate.revocation_reason_public
            }
        title = _("Certificato revocato")
    elif status == Certificate.Status.EXPIRED:
        fact = (
            _("Il certificato è scaduto il %(date)s.")
            % {"date": formats.date_format(certificate.expires_at, "j F Y")}
            if certificate.expires_at
            else _("Il certificato è scaduto.")
        )
        title = _("Certificato scaduto")
    else:
        replacement = certificate.superseded_by.order_by("-issued_at").first()
        fact = (
            _("Il certificato è stato sostituito dal certificato %(serial)s.")
            % {"serial": replacement.serial}
            if replacement
            else _("Il certificato è stato sostituito.")
        )
        title = _("Certificato sostituito")
    explanation = _("%(document)s Ma non è più valido: %(fact)s") % {
        "document": document,
        "fact": fact,
    }
    return Outcome("invalid", title, explanation)


@dataclass(frozen=True)
class FileVerification:
    verdict: Verdict
    sha256: str
    signature: SignatureCheck
    certificate: Certificate | None

    @property
    def message(self):
        return VERDICT_MESSAGES[self.verdict]

    @property
    def outcome(self) -> Outcome:
        authentic = {Verdict.NOT_GENUINE: False, Verdict.UNCHECKED: None}
        return outcome(
            authentic=authentic.get(self.verdict, True),
            certificate=self.certificate,
            document=self.message,
        )


def verify_pdf(data: bytes) -> FileVerification:
    """The hash first: only a file that is a certificate we issued is parsed."""
    digest = hashlib.sha256(data).hexdigest()
    certificate = (
        Certificate.objects.filter(Q(pdf_sha256=digest) | Q(pdf_copy_sha256=digest))
        .select_related("user")
        .first()
    )
    if certificate is None:
        signature = NOT_PARSED
        verdict = Verdict.NOT_GENUINE
    else:
        signature = check_signature(data, trusted=trusted_signing_certs())
        if signature.timed_out:
            verdict = Verdict.UNCHECKED
        elif not signature.ok:
            verdict = Verdict.NOT_GENUINE
        elif certificate.pdf_sha256 == digest:
            verdict = Verdict.GENUINE
        else:
            verdict = Verdict.REGENERATED_COPY
    return FileVerification(
        verdict=verdict,
        sha256=digest,
        signature=signature,
        certificate=(
            certificate
            if verdict in (Verdict.GENUINE, Verdict.REGENERATED_COPY)
            else None
        ),
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
