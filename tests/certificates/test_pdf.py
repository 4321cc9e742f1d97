"""The certificate PDF read back: text, metadata, PDF/A, fonts, tags, signature,
QR code, the lost-file policy and the e-mail that carries it."""

import hashlib
import re

from django.core import mail
from wagtail.log_actions import registry as log_registry

from certificates.services import certificate_issue
from tests.builders import make_passed_enrollment, make_user
from tests.pdfs import (
    pdf_font_names,
    pdf_fonts_embedded,
    pdf_is_tagged,
    pdf_metadata,
    pdf_qr_codes,
    pdf_signature_status,
    pdf_text,
    pdf_xmp,
)


def test_pdf_is_signed_pdfa_with_serial_code_and_qr(issued):
    data = issued.pdf.read()
    assert hashlib.sha256(data).hexdigest() == issued.pdf_sha256

    text = pdf_text(data)
    assert issued.serial in text and issued.display_code in text
    assert "Giulia Bianchi" in text
    metadata = pdf_metadata(data)
    assert metadata.title == f"Certificato di completamento – {issued.course_title}"
    assert metadata.author == "Formazione Servizio Clienti"
    xmp = pdf_xmp(data)
    # PDF/A identification survives signing (as attributes or elements).
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)B", xmp)
    assert pdf_fonts_embedded(data)
    assert pdf_is_tagged(data)

    status = pdf_signature_status(data)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert pdf_qr_codes(data) == [issued.get_absolute_verify_url()]


def _signed_attributes(data: bytes) -> dict:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return {
        attr["type"].native: attr["values"][0].dump()
        for attr in signature.signer_info["signed_attrs"]
    }


def test_each_pdf_signed_in_a_process_carries_its_own_digest(
    issued, course, django_capture_on_commit_callbacks
):
    """The signer reuses the constant PAdES attributes between signatures; the
    message digest must still be each file's own, and every file must verify."""
    other = make_user(email="secondo@test.it", first_name="Marco", last_name="Rossi")
    enrollment, attempt = make_passed_enrollment(other, course)
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_issue(enrollment=enrollment, attempt=attempt)
    second.refresh_from_db()

    first_data, second_data = issued.pdf.read(), second.pdf.read()
    for data in (first_data, second_data):
        status = pdf_signature_status(data)
        assert status.intact and status.valid and status.trusted
        assert status.coverage.name == "ENTIRE_FILE"
    first_attrs, second_attrs = (
        _signed_attributes(first_data),
        _signed_attributes(second_data),
    )
    assert set(first_attrs) == {
        "content_type",
        "message_digest",
        "signing_certificate_v2",
    }
    assert first_attrs["message_digest"] != second_attrs["message_digest"]
    assert (
        first_attrs["signing_certificate_v2"] == second_attrs["signing_certificate_v2"]
    )
    assert "Marco Rossi" in pdf_text(second_data)


def test_a_name_prints_as_written_in_any_alphabet_and_never_as_markup(
    course, django_capture_on_commit_callbacks
):
    """The certificate's face covers the Latin alphabets; other letters come
    from the system's DejaVu Sans. Whatever a name contains is text."""
    holder = make_user(
        email="nomi@test.it",
        first_name="Ştefan <b>Nguyễn</b> & Ærø",
        last_name="Παπαδόπουλος Иванова",
    )
    enrollment, attempt = make_passed_enrollment(holder, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    data = certificate.pdf.read()

    # A long name wraps: compare the words.
    words = " ".join(pdf_text(data).split())
    assert "Ştefan <b>Nguyễn</b> & Ærø Παπαδόπουλος Иванова" in words
    assert pdf_fonts_embedded(data)
    fonts = pdf_font_names(data)
    assert any(name.endswith("+Certificate-Sans-Bold") for name in fonts)
    assert any(name.endswith("+DejaVu-Sans-Bold") for name in fonts)


def test_holder_gets_the_pdf_by_email_once(issued):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["agente@test.it"]
    assert issued.course_title in message.subject
    assert issued.get_absolute_verify_url() in message.body
    assert message.alternatives[0][1] == "text/html"
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf"
    assert hashlib.sha256(content).hexdigest() == issued.pdf_sha256
    assert issued.emailed_at is not None
    emailed = [
        e
        for e in log_registry.get_logs_for_instance(issued)
        if e.action == "lms.certificate.email"
    ]
    assert len(emailed) == 1


def test_email_is_in_the_holders_language(
    course, learner, django_capture_on_commit_callbacks
):
    learner.preferred_language = "en"
    learner.save()
    enrollment, attempt = make_passed_enrollment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(enrollment=enrollment, attempt=attempt)
    (message,) = mail.outbox
    assert message.subject.startswith("Your certificate")
    assert "Verification code" in message.body
    (html, _type) = message.alternatives[0]
    assert '<html lang="en">' in html  # so screen readers pick the right voice


def test_a_lost_file_is_regenerated_without_changing_what_verifies(
    issued, client, learner
):
    original = issued.pdf.read()
    issued.pdf.storage.delete(issued.pdf.name)
    client.force_login(learner)
    copy = b"".join(client.get(f"/certificati/{issued.pk}/pdf/").streaming_content)
    issued.refresh_from_db()
    assert issued.pdf_sha256 == hashlib.sha256(original).hexdigest()
    assert (
        issued.pdf_copy_sha256
        == hashlib.sha256(copy).hexdigest()
        != (issued.pdf_sha256)
    )
    assert issued.pdf_regenerated_at is not None
    assert "lms.certificate.regenerate" in [
        e.action for e in log_registry.get_logs_for_instance(issued)
    ]

    def upload(data):
        return client.post(
            "/verifica/pdf.json",
            {"file": _pdf_upload(data)},
        ).json()

    assert upload(original)["verdict"] == "genuine"
    assert upload(copy)["verdict"] == "regenerated_copy"


def _pdf_upload(data, name="certificato.pdf", content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def _write_ec_key_and_certificate(folder):
    """A site's own key pair, here elliptic-curve (P-256): its signatures vary
    in length, so they take pyHanko's full path rather than the RSA template."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from certificates.signing import self_signed_pem

    key_pem, cert_pem = self_signed_pem(
        ec.generate_private_key(ec.SECP256R1()),
        common_name="Centro Servizi Test",
        days=30,
    )
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(key_pem)
    cert_path.write_bytes(cert_pem)
    return key_path, cert_path


def test_a_site_key_of_its_own_signs_valid_pdfs(
    course, learner, settings, tmp_path, django_capture_on_commit_callbacks
):
    from certificates.signing import signer

    key_path, cert_path = _write_ec_key_and_certificate(tmp_path)
    settings.CERTIFICATES_SIGNING_KEY = str(key_path)
    settings.CERTIFICATES_SIGNING_CERT = str(cert_path)
    signer.cache_clear()
    try:
        other = make_user(email="terzo@test.it", first_name="Anna", last_name="Verdi")
        for person in (learner, other):
            enrollment, attempt = make_passed_enrollment(person, course)
            with django_capture_on_commit_callbacks(execute=True):
                certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
            certificate.refresh_from_db()
            data = certificate.pdf.read()
            status = pdf_signature_status(data)  # trusting the site's own certificate
            assert status.intact and status.valid and status.trusted
            assert status.coverage.name == "ENTIRE_FILE"
            assert "Centro Servizi Test" in status.signing_cert.subject.human_friendly
            assert "ecdsa" in status.md_algorithm + status.pkcs7_signature_mechanism
    finally:
        signer.cache_clear()
