import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.log_actions import registry as log_registry

from certificates import codes
from certificates.models import Certificate
from courses.models import Enrollment
from courses.selectors import course_modules
from courses.services import enrollment_try_complete
from people import roles
from tests.builders import make_user, take_quiz
from tests.pdfs import pdf_qr_codes, pdf_text


def _certify(client, course, capture=None):
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    if capture is None:
        take_quiz(client, course)
    else:
        with capture(execute=True):
            take_quiz(client, course)
    return Certificate.objects.get(course=course)


@pytest.fixture
def certificate(login, learner, course, django_capture_on_commit_callbacks):
    return _certify(login(learner), course, django_capture_on_commit_callbacks)


def test_issue_stores_a_pdf_with_its_hash_and_an_audit_entry(certificate, learner):
    data = certificate.pdf.read()
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert (
        metadata.title == f"Certificato di completamento – {certificate.course_title}"
    )
    assert metadata.author == "Formazione Servizio Clienti"
    assert certificate.holder_name == "Giulia Bianchi"
    assert certificate.status == Certificate.Status.VALID
    assert len(certificate.verification_code) == 20
    assert set(certificate.verification_code) <= set(codes.ALPHABET)
    actions = [e.action for e in log_registry.get_logs_for_instance(certificate)]
    assert sorted(actions) == ["lms.certificate.email", "lms.certificate.issue"]


def test_issuing_again_returns_the_same_certificate(certificate):
    enrollment = Enrollment.objects.get(pk=certificate.enrollment_id)
    assert enrollment_try_complete(enrollment=enrollment) == certificate
    assert enrollment_try_complete(enrollment=enrollment) == certificate
    assert Certificate.objects.count() == 1
    completions = [
        e.action
        for e in log_registry.get_logs_for_instance(enrollment)
        if e.action == "lms.enrollment.complete"
    ]
    assert completions == ["lms.enrollment.complete"]


def test_certificate_keeps_the_name_it_was_issued_to(certificate, learner, client):
    learner.first_name = "Giuliana"
    learner.save()
    client.logout()
    page = client.get(certificate.get_verify_url()).content.decode()
    assert "Giulia Bianchi" in page and "Giuliana" not in page


def test_verify_page_is_public_and_kept_out_of_search_engines(client, certificate):
    response = client.get(f"/verifica/{certificate.verification_code}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Certificato valido" in page and certificate.course_title in page


def test_verify_accepts_the_code_as_printed(client, certificate):
    printed = certificate.display_code.lower()  # groups, dashes, lower case
    assert client.get(f"/verifica/{printed}/").status_code == 200
    response = client.get("/verifica/", {"code": f"  {certificate.display_code} "})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "code", ["NOPE", "0" * 20, "x" * 300, "ABCD-EFGH-JKMN-PQRS-TVWX"]
)
def test_unknown_or_malformed_code_is_a_clear_not_found(client, db, code):
    response = client.get(f"/verifica/{code}/")
    assert response.status_code == 404
    assert "Nessun certificato corrisponde a questo codice" in response.content.decode()


def test_a_nul_in_the_code_is_a_clear_bad_request(client, db):
    # Refused before any view, like a NUL anywhere (lms.middleware).
    response = client.get("/verifica/%00/")
    assert response.status_code == 400
    assert "carattere nullo" in response.content.decode()


def test_revoked_certificate_does_not_verify_as_valid(client, certificate):
    certificate.status = Certificate.Status.REVOKED
    certificate.save()
    page = client.get(certificate.get_verify_url()).content.decode()
    assert "Certificato non valido: revocato" in page


def test_only_the_holder_and_hr_download_the_pdf(client, certificate, login):
    url = f"/certificati/{certificate.pk}/pdf/"
    client.logout()
    assert client.get(url)["Location"].startswith("/account/login/")

    client.force_login(make_user("collega@test.it"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("formatore@test.it", role=roles.TRAINER))
    assert client.get(url).status_code == 404

    hr = make_user("hr@test.it", role=roles.HR)
    client.force_login(hr)
    response = client.get(url)
    assert response.status_code == 200
    assert "Giulia Bianchi" in pdf_text(b"".join(response.streaming_content))
    downloads = [
        e
        for e in log_registry.get_logs_for_instance(certificate)
        if e.action == "lms.certificate.download"
    ]
    assert [e.user for e in downloads] == [hr]


def test_a_lost_file_is_rendered_again_from_the_record(client, certificate, learner):
    certificate.pdf.storage.delete(certificate.pdf.name)
    client.force_login(learner)
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    data = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert certificate.display_code in pdf_text(data)
    assert pdf_qr_codes(data) == [certificate.get_absolute_verify_url()]


def test_pdf_is_in_the_holders_language(login, learner, course, client):
    learner.preferred_language = "en"
    learner.save()
    certificate = _certify(login(learner), course)
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    text = pdf_text(b"".join(response.streaming_content))
    assert "Certificate of completion" in text
    assert "Certificato di completamento" not in text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_renders_the_pdf(client, settings, learner, course):
    """With the production queue the learner first sees "being prepared"; the
    database worker then renders the PDF and the download works."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(learner)
    certificate = _certify(client, course)
    assert not certificate.pdf.name

    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code == 202
    assert "Certificato in preparazione" in response.content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    certificate.refresh_from_db()
    assert certificate.pdf_sha256
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert certificate.display_code in pdf_text(b"".join(response.streaming_content))


def test_the_qr_code_reads_as_one_code_whatever_the_verification_code(
    certificate, learner, client
):
    """This verification code once made the decoder also read "408384" from the
    corner of the QR code (a CI failure): the page still carries one code, the
    link to the verification page."""
    Certificate.objects.filter(pk=certificate.pk).update(
        verification_code="FT9BF4V6GEGA58ZCYKBQ"
    )
    certificate.refresh_from_db()
    certificate.pdf.storage.delete(certificate.pdf.name)
    client.force_login(learner)
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    data = b"".join(response.streaming_content)
    assert pdf_qr_codes(data) == ["http://testserver/verifica/FT9BF4V6GEGA58ZCYKBQ/"]


def test_the_certificate_page_is_titled_certificate_in_english(
    certificate, learner, login
):
    # "Certificato" is also a status ("Certified"): the page's title names
    # the document, in the reader's language.
    learner.preferred_language = "en"
    learner.save()
    page = login(learner).get(f"/certificati/{certificate.pk}/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "– Certificate" in title and "Certified" not in title


def test_an_english_reader_sees_when_the_certificate_expires(
    certificate, learner, login
):
    # "Scadenza" is a due date on HR's lists and the transcript, but on a
    # certificate it is when the certificate stops being valid.
    certificate.expires_at = datetime.date(2099, 1, 31)
    certificate.save(update_fields=["expires_at"])
    learner.preferred_language = "en"
    learner.save()
    page = login(learner).get(f"/certificati/{certificate.pk}/").content.decode()
    assert "<dt>Expiry</dt>" in page and "Due date" not in page
