"""The certificate record: serials, snapshots, audit trail, idempotent issuing,
revocation and reissue."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import registry as log_registry

from certificates.models import Certificate
from certificates.services import (
    certificate_issue,
    certificate_reinstate,
    certificate_reissue,
    certificate_revoke,
)
from courses.selectors import course_modules
from courses.services import enrollment_certify
from tests.builders import make_passed_enrollment, make_user
from tests.concurrency import at_once


def _actions(certificate):
    return [
        (e.action, e.user, e.data)
        for e in log_registry.get_logs_for_instance(certificate).order_by("pk")
    ]


def test_serials_are_sequential_per_year(course):
    year = timezone.localdate().year
    serials = []
    for n in range(3):
        enrollment, attempt = make_passed_enrollment(
            make_user(f"agente{n}@test.it"), course
        )
        serials.append(certificate_issue(enrollment=enrollment, attempt=attempt).serial)
    assert serials == [f"SC-{year}-{n:06d}" for n in (1, 2, 3)]


def test_issue_snapshots_the_course_revision_and_duration(course, learner):
    course.save_revision().publish()
    course.refresh_from_db()
    enrollment, attempt = make_passed_enrollment(learner, course)
    certificate = enrollment_certify(enrollment=enrollment, attempt=attempt)
    assert certificate.course_revision == course.live_revision
    assert certificate.course_version.startswith(f"{course.live_revision.pk} (")
    # Whoever verifies it reads the version in words.
    day = date_format(timezone.localdate(), "j F Y")
    words = f"«{course.title}», testo pubblicato il {day}"
    assert certificate.attested_version() == words
    # The course's duration: the minutes of its live modules.
    minutes = [m.estimated_minutes for m in course_modules(course=course)]
    assert minutes and certificate.duration_minutes == sum(minutes)
    assert certificate.score == attempt.score


def test_revoke_and_reinstate_are_audited_with_who_and_why(course, learner, hr):
    enrollment, attempt = make_passed_enrollment(learner, course)
    certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate_revoke(
        certificate=certificate,
        user=hr,
        public_reason="Rilasciato per errore",
        internal_reason="Quiz svolto da un collega",
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, user=hr, public_reason="Ancora")
    with pytest.raises(ValidationError):
        certificate_reinstate(certificate=certificate, user=hr, reason=" ")
    certificate_reinstate(certificate=certificate, user=hr, reason="Verificato")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert certificate.revocation_reason_public == ""
    actions = _actions(certificate)
    revoke = next(a for a in actions if a[0] == "lms.certificate.revoke")
    assert revoke[1] == hr
    assert revoke[2]["internal_reason"] == "Quiz svolto da un collega"
    reinstate = next(a for a in actions if a[0] == "lms.certificate.reinstate")
    assert reinstate[1] == hr and reinstate[2]["reason"] == "Verificato"


def test_reissue_after_a_name_correction_supersedes_the_old_one(
    course, learner, hr, client
):
    enrollment, attempt = make_passed_enrollment(learner, course)
    old = certificate_issue(enrollment=enrollment, attempt=attempt)
    learner.last_name = "Bianchi Rossi"
    learner.save()
    new = certificate_reissue(certificate=old, user=hr, reason="Cognome corretto")
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert new.supersedes == old and new.attempt == old.attempt
    assert new.holder_name == "Giulia Bianchi Rossi"
    assert new.serial != old.serial and new.verification_code != old.verification_code
    # The same completion: its date, expiry and course revision stay.
    assert new.issued_at == old.issued_at and new.expires_at == old.expires_at
    assert new.course_revision == old.course_revision
    assert [a[0] for a in _actions(old)][-1] == "lms.certificate.supersede"
    reissue = [a for a in _actions(new) if a[0] == "lms.certificate.reissue"]
    assert reissue[0][1] == hr and reissue[0][2]["reason"] == "Cognome corretto"

    page = client.get(old.get_verify_url()).content.decode()
    assert "Certificato non valido: sostituito" in page
    assert new.get_verify_url() in page and "Giulia Bianchi<" in page


def test_issuing_twice_in_a_row_gives_one_certificate(course, learner):
    enrollment, attempt = make_passed_enrollment(learner, course)
    first = certificate_issue(enrollment=enrollment, attempt=attempt)
    assert certificate_issue(enrollment=enrollment, attempt=attempt) == first
    assert Certificate.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_gives_one_certificate(catalogue):
    """Two requests completing the same enrolment at the same moment, each in its
    own connection and transaction: one certificate, one serial."""
    if connection.vendor != "postgresql":
        pytest.skip("needs real row locks and concurrent connections (PostgreSQL)")
    from tests.builders import make_course

    course = make_course(catalogue, title="Corso concorrente", modules=1)
    enrollment, attempt = make_passed_enrollment(make_user(), course)

    def issue():
        return certificate_issue(enrollment=enrollment, attempt=attempt).pk

    results, errors = at_once([issue, issue])
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    certificates = list(Certificate.objects.filter(enrollment=enrollment))
    assert len(certificates) == 1
    assert certificates[0].serial.endswith("-000001")
