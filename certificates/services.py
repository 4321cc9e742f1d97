"""Issuing, storing, revoking and reissuing certificates.

Every change a compliance officer could ask about leaves an entry in Wagtail's log
(`lms.certificate.*`), with who, when and why.
"""

import hashlib
import uuid
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.translation import title_for
from lms.audit import log
from notifications.models import Kind
from notifications.services import notification_send

from . import badges, signals
from .models import Certificate, SerialCounter
from .pdf import render_certificate_pdf

NOT_VALID_TO_REVOKE = _("Si può revocare solo un certificato valido.")
NOT_REVOKED = _("Si può ripristinare solo un certificato revocato.")
NOT_VALID_TO_REISSUE = _("Si può riemettere solo un certificato valido.")
REASON_REQUIRED = _("Indica il motivo.")


class _AlreadyIssued(Exception):
    """Raised inside the savepoint to give back a serial taken in vain."""

    def __init__(self, certificate):
        self.certificate = certificate


def _next_serial(*, year: int) -> str:
    """Take the next number of the year. The UPDATE locks the counter row until
    the transaction ends (PostgreSQL row lock, SQLite's writer lock), so two
    issuers can never read the same value."""
    for _attempt in range(2):
        if SerialCounter.objects.filter(year=year).update(last=F("last") + 1):
            break
        try:
            with transaction.atomic():
                SerialCounter.objects.create(year=year, last=1)
            break
        except IntegrityError:
            continue  # Another issuer created the year's row first: increment it.
    last = SerialCounter.objects.get(year=year).last
    return f"SC-{year}-{last:06d}"


def _status_changed(certificate: Certificate, previous: str, action: str) -> None:
    signals.certificate_status_changed.send_on_commit(
        sender="certificates", certificate=certificate, previous=previous, action=action
    )


def _valid_certificate(enrollment) -> Certificate | None:
    return Certificate.objects.filter(
        enrollment=enrollment, status=Certificate.Status.VALID
    ).first()


def _revision_label(revision, course) -> str:
    if revision is None:
        return ""
    label = f"{revision.pk} ({timezone.localtime(revision.created_at):%Y-%m-%d})"
    if revision.object_str and revision.object_str != course.title:
        # A policy recertification attests a module's revision: name it.
        label = f"{label} · {revision.object_str}"
    return label


@transaction.atomic
def certificate_supersede(*, certificate: Certificate, user, reason: str = "") -> None:
    """Mark a certificate replaced by a newer one. It stays verifiable, as
    superseded. Idempotent."""
    if certificate.status == Certificate.Status.SUPERSEDED:
        return
    previous = certificate.status
    certificate.status = Certificate.Status.SUPERSEDED
    certificate.save(update_fields=["status"])
    _status_changed(certificate, previous, "supersede")
    log(
        instance=certificate,
        action="lms.certificate.supersede",
        user=user,
        data={
            "code": certificate.verification_code,
            "serial": certificate.serial,
            "enrollment": certificate.enrollment_id,
            "reason": reason,
        },
    )


_JUST_READ = [
    "user",
    "course",
    "enrollment",
    "attempt",
    "course_revision",
    "quiz_revision",
    "supersedes",
]


# Called inside a completion's transaction: no savepoint of its own (the inner
# one below is what recovers from a concurrent issue).
@transaction.atomic(savepoint=False)
def certificate_issue(
    *,
    enrollment,
    attempt,
    expires_at: date | None = None,
    supersedes: Certificate | None = None,
    revision=None,
    duration_minutes: int = 0,
    user=None,
    reason: str = "",
    reissue_of_date: datetime | None = None,
) -> Certificate:
    """Issue the certificate for a completed enrolment, once.

    Idempotent: a repeated completion signal returns the certificate already
    issued. Concurrent issuers serialise on the year's serial counter and look
    again once they hold it; the partial unique constraint (one valid certificate
    per enrolment) catches anything else. A renewal or a reissue passes the
    certificate it replaces as ``supersedes``: that one is marked superseded in
    the same transaction and stays verifiable as such. A reissue (HR's, after a
    name correction) also passes the replaced certificate's issue moment as
    ``reissue_of_date``: it attests the same completion, so it keeps that date
    and counts in the same cycle of the enrolment.
    """
    actor = user or enrollment.user
    if supersedes is not None:
        certificate_supersede(certificate=supersedes, user=actor, reason=reason)
    existing = _valid_certificate(enrollment)
    if existing is not None:
        return existing
    holder = enrollment.user
    course = enrollment.course
    issued_at = reissue_of_date or timezone.now()
    revision = revision or course.live_revision
    try:
        with transaction.atomic():
            serial = _next_serial(year=timezone.localtime(issued_at).year)
            existing = _valid_certificate(enrollment)
            if existing is not None:
                raise _AlreadyIssued(existing)
            certificate = Certificate(
                user=holder,
                course=course,
                enrollment=enrollment,
                attempt=attempt,
                serial=serial,
                holder_name=holder.full_name,
                course_title=title_for(course, holder),
                course_revision=revision,
                course_version=_revision_label(revision, course),
                quiz_revision_id=getattr(attempt, "quiz_revision_id", None),
                duration_minutes=duration_minutes,
                score=attempt.score,
                issued_at=issued_at,
                expires_at=expires_at,
                supersedes=supersedes,
            )
            # The related rows were read just now, and the serial and code are
            # generated unique (the database refuses a repeat anyway): checking
            # them again would cost six queries at every quiz passed.
            certificate.full_clean(exclude=_JUST_READ, validate_unique=False)
            certificate.save()
    except _AlreadyIssued as already:
        return already.certificate
    except IntegrityError:
        return Certificate.objects.get(
            enrollment=enrollment, status=Certificate.Status.VALID
        )
    log(
        instance=certificate,
        # A renewal also supersedes, but it is a new issue, not a reissue.
        action=(
            "lms.certificate.reissue" if reissue_of_date else "lms.certificate.issue"
        ),
        user=actor,
        data={
            "holder": certificate.holder_name,
            "course": certificate.course_title,
            "serial": certificate.serial,
            "code": certificate.verification_code,
            "score": str(certificate.score),
            "course_revision": certificate.course_version,
            "supersedes": supersedes.serial if supersedes else None,
            "reason": reason,
        },
    )

    from .tasks import render_certificate

    transaction.on_commit(lambda: render_certificate.enqueue(certificate.pk))
    signals.certificate_issued.send_on_commit(
        sender="certificates", certificate=certificate
    )
    return certificate


def certificate_store_pdf(*, certificate: Certificate) -> Certificate:
    """Render, sign and store the PDF from the record.

    The first file is the issued document: its SHA-256 is recorded once and
    never changes, so verification keeps accepting exactly what was issued. If
    that file is lost, the copy rendered again is a new signed file with a
    different hash: it is recorded apart (``pdf_copy_sha256``), logged, and the
    verifier says it is a regenerated copy rather than silently accepting it as
    the original.
    """
    data = render_certificate_pdf(certificate)
    digest = hashlib.sha256(data).hexdigest()
    old_name = certificate.pdf.name
    certificate.pdf.save(
        f"{certificate.verification_code}.pdf", ContentFile(data), save=False
    )
    fields = ["pdf"]
    if not certificate.pdf_sha256:
        certificate.pdf_sha256 = digest
        fields.append("pdf_sha256")
    else:
        certificate.pdf_copy_sha256 = digest
        certificate.pdf_regenerated_at = timezone.now()
        fields += ["pdf_copy_sha256", "pdf_regenerated_at"]
        log(
            instance=certificate,
            action="lms.certificate.regenerate",
            user=None,
            data={
                "serial": certificate.serial,
                "original_sha256": certificate.pdf_sha256,
                "copy_sha256": digest,
            },
        )
    certificate.save(update_fields=fields)
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return certificate


def certificate_pdf_available(*, certificate: Certificate) -> bool:
    return bool(certificate.pdf.name) and certificate.pdf.storage.exists(
        certificate.pdf.name
    )


def certificate_ensure_pdf(*, certificate: Certificate) -> Certificate:
    if not certificate_pdf_available(certificate=certificate):
        certificate_store_pdf(certificate=certificate)
    return certificate


@transaction.atomic
def certificate_email(*, certificate: Certificate) -> None:
    """Send the holder their certificate, its PDF attached, once: through the
    notifications' one path (recorded, delivered by a task, retried by the daily
    job), its link the public verification page."""
    certificate = _locked(certificate)
    if certificate.emailed_at is not None:
        return
    record = notification_send(
        user=certificate.user,
        kind=Kind.CERTIFICATE,
        reason_key=f"certificate:{certificate.pk}",
        today=timezone.localdate(),
        course=_Titled(certificate.course_title),
        code=certificate.display_code,
        link=certificate.get_verify_url(),
        attachment=certificate.pdf.name,
        attachment_name=(
            f"certificato-{certificate.serial or certificate.verification_code}.pdf"
        ),
    )
    certificate.emailed_at = timezone.now()
    certificate.save(update_fields=["emailed_at"])
    log(
        instance=certificate,
        action="lms.certificate.email",
        user=None,
        data={
            "serial": certificate.serial,
            "to": certificate.user.email,
            "queued": record is not None,
        },
    )


class _Titled:
    """What the e-mail names as its course: the title the certificate attests."""

    def __init__(self, title: str):
        self.title = title

    def get_url(self) -> str:
        return "/"


@transaction.atomic
def certificates_expire(*, today: date) -> list[Certificate]:
    """Mark as expired every valid certificate whose last valid day has passed."""
    due = list(
        Certificate.objects.select_for_update().filter(
            status=Certificate.Status.VALID, expires_at__lt=today
        )
    )
    for certificate in due:
        certificate.status = Certificate.Status.EXPIRED
        certificate.save(update_fields=["status"])
        _status_changed(certificate, Certificate.Status.VALID, "expire")
        log(
            instance=certificate,
            action="lms.certificate.expire",
            user=None,
            data={
                "code": certificate.verification_code,
                "expired_on": certificate.expires_at.isoformat(),
            },
        )
    return due


def certificate_log_download(*, certificate: Certificate, user) -> None:
    log(
        instance=certificate,
        action="lms.certificate.download",
        user=user,
        data={"holder": certificate.holder_name, "serial": certificate.serial},
    )


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


@transaction.atomic
def certificate_badge_issue(*, certificate: Certificate) -> str:
    """The certificate's Open Badges 3.0 credential as a VC-JWT.

    Signed on the first request and kept, like the PDF's hash: every later
    download is the same signed document, a plain-JSON copy can be checked
    against it, and the record says when it was issued. Two first requests at
    once serialise on the certificate's row lock; the second finds it made."""
    if certificate.badge_jwt:
        return certificate.badge_jwt
    certificate = _locked(certificate)
    if certificate.badge_jwt:
        return certificate.badge_jwt
    badge_id = uuid.uuid4()
    token = badges.sign_credential(
        badges.build_credential(certificate, badge_id=badge_id)
    )
    certificate.badge_id = badge_id
    certificate.badge_jwt = token
    certificate.full_clean()
    certificate.save(update_fields=["badge_id", "badge_jwt"])
    log(
        instance=certificate,
        action="lms.certificate.badge",
        user=certificate.user,
        data={
            "serial": certificate.serial,
            "credential": f"urn:uuid:{badge_id}",
            "key": badges.signing_keys()[0].kid,
        },
    )
    return token


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, user, public_reason: str, internal_reason: str = ""
) -> Certificate:
    """Revoke a valid certificate. The public reason is shown on the verification
    page; the internal one stays in the record and the log."""
    certificate = _locked(certificate)
    if certificate.status != Certificate.Status.VALID:
        raise ValidationError(NOT_VALID_TO_REVOKE)
    if not public_reason.strip():
        raise ValidationError({"public_reason": REASON_REQUIRED})
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason_public = public_reason.strip()
    certificate.revocation_reason_internal = internal_reason.strip()
    certificate.full_clean()
    certificate.save()
    _status_changed(certificate, Certificate.Status.VALID, "revoke")
    log(
        instance=certificate,
        action="lms.certificate.revoke",
        user=user,
        data={
            "serial": certificate.serial,
            "public_reason": certificate.revocation_reason_public,
            "internal_reason": certificate.revocation_reason_internal,
        },
    )
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, user, reason: str):
    """Undo a revocation. Refused when the enrolment meanwhile got another valid
    certificate (the partial unique constraint would say the same)."""
    certificate = _locked(certificate)
    if certificate.status != Certificate.Status.REVOKED:
        raise ValidationError(NOT_REVOKED)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    if _valid_certificate(certificate.enrollment_id) is not None:
        raise ValidationError(
            _("Questa iscrizione ha già un altro certificato valido.")
        )
    previous = {
        "public_reason": certificate.revocation_reason_public,
        "internal_reason": certificate.revocation_reason_internal,
    }
    certificate.status = Certificate.Status.VALID
    certificate.revoked_at = None
    certificate.revocation_reason_public = ""
    certificate.revocation_reason_internal = ""
    certificate.full_clean()
    certificate.save()
    _status_changed(certificate, Certificate.Status.REVOKED, "reinstate")
    log(
        instance=certificate,
        action="lms.certificate.reinstate",
        user=user,
        data={"serial": certificate.serial, "reason": reason.strip(), **previous},
    )
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, user, reason: str) -> Certificate:
    """Issue a new certificate for the same completion, typically after the
    holder's name was corrected: same attempt, score, course revision, issue
    date and expiry, the holder's current name, a new serial and code. The old
    one becomes superseded and still verifies as such."""
    certificate = _locked(certificate)
    if certificate.status != Certificate.Status.VALID:
        raise ValidationError(NOT_VALID_TO_REISSUE)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    return certificate_issue(
        enrollment=certificate.enrollment,
        attempt=certificate.attempt,
        expires_at=certificate.expires_at,
        supersedes=certificate,
        revision=certificate.course_revision,
        duration_minutes=certificate.duration_minutes,
        user=user,
        reason=reason.strip(),
        reissue_of_date=certificate.issued_at,
    )
