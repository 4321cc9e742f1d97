"""Issuing and storing certificates."""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Certificate
from .pdf import render_certificate_pdf


@transaction.atomic
def certificate_issue(
    *,
    enrollment,
    attempt,
    expires_at: date | None = None,
    supersedes: Certificate | None = None,
) -> Certificate:
    """Issue the certificate for a completed enrolment, once.

    Idempotent: a repeated completion signal returns the certificate already
    issued. The caller holds the enrolment's row lock; the partial unique
    constraint catches whatever slips past it (SQLite has no row locks).
    A renewal passes the certificate it replaces as ``supersedes``: that one is
    marked superseded in the same transaction and stays verifiable as such.
    """
    if supersedes is not None and supersedes.status != Certificate.Status.SUPERSEDED:
        supersedes.status = Certificate.Status.SUPERSEDED
        supersedes.save(update_fields=["status"])
        log(
            instance=supersedes,
            action="lms.certificate.supersede",
            user=enrollment.user,
            data={"code": supersedes.verification_code, "enrollment": enrollment.pk},
        )
    existing = Certificate.objects.filter(
        enrollment=enrollment, status=Certificate.Status.VALID
    ).first()
    if existing is not None:
        return existing
    user = enrollment.user
    certificate = Certificate(
        user=user,
        course=enrollment.course,
        enrollment=enrollment,
        attempt=attempt,
        holder_name=user.full_name,
        course_title=enrollment.course.title,
        score=attempt.score,
        issued_at=timezone.now(),
        expires_at=expires_at,
        course_revision=enrollment.course.live_revision,
        supersedes=supersedes,
    )
    certificate.full_clean()
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        return Certificate.objects.get(
            enrollment=enrollment, status=Certificate.Status.VALID
        )
    log(
        instance=certificate,
        action="lms.certificate.issue",
        user=user,
        data={
            "holder": certificate.holder_name,
            "course": certificate.course_title,
            "code": certificate.verification_code,
            "score": str(certificate.score),
        },
    )

    from .tasks import render_certificate

    transaction.on_commit(lambda: render_certificate.enqueue(certificate.pk))
    return certificate


def certificate_store_pdf(*, certificate: Certificate) -> Certificate:
    """Render the PDF from the record and store it with its SHA-256.

    Also the repair path: a certificate whose file went missing is rendered again
    from the same record.
    """
    data = render_certificate_pdf(certificate)
    old_name = certificate.pdf.name
    certificate.pdf.save(
        f"{certificate.verification_code}.pdf", ContentFile(data), save=False
    )
    certificate.pdf_sha256 = hashlib.sha256(data).hexdigest()
    certificate.save(update_fields=["pdf", "pdf_sha256"])
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return certificate


def certificate_pdf_available(*, certificate: Certificate) -> bool:
    return bool(certificate.pdf.name) and certificate.pdf.storage.exists(
        certificate.pdf.name
    )
