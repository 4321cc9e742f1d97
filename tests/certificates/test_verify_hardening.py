"""Verification that cannot be stalled or faked by configuration (issue 20 §4):
crafted PDFs, a deadline, one verdict for a revoked certificate, key rotation."""

import hashlib
import threading

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.models import Certificate
from certificates.pdf_check import out_of_bounds
from certificates.services import certificate_revoke
from certificates.signing import signer
from tests.builders import issue_certificate, make_user
from tests.pdfs import crafted_xref_pdf
from tests.signing import write_signing_files

CRAFTED = crafted_xref_pdf()


def _page(client, data):
    return client.post(
        "/verifica/", {"file": SimpleUploadedFile("c.pdf", data, "application/pdf")}
    )


def _json(client, data):
    return client.post(
        "/verifica/pdf.json",
        {"file": SimpleUploadedFile("c.pdf", data, "application/pdf")},
    )


def test_a_crafted_pdf_is_answered_without_being_parsed(client, issued):
    assert len(CRAFTED) < 48 * 1024
    response = _json(client, CRAFTED)
    assert response.status_code == 200
    answer = response.json()
    assert answer["verdict"] == "not_genuine" and answer["valid"] is False
    assert answer["signature_checked"] is False  # its hash matched nothing
    page = _page(client, CRAFTED)
    assert page.status_code == 200
    assert "Non autentico" in page.content.decode()


def test_a_crafted_pdf_that_matches_a_record_is_refused_before_parsing(
    client, issued, caplog
):
    """Even a file whose hash is on record (a planted row, a bad import) is
    parsed only within bounds: the declared 12 million entries are refused
    before pyHanko reads the file (otherwise this test would run for minutes)."""
    Certificate.objects.filter(pk=issued.pk).update(
        pdf_sha256=hashlib.sha256(CRAFTED).hexdigest()
    )
    answer = _json(client, CRAFTED).json()
    assert answer["verdict"] == "not_genuine" and answer["signature_checked"] is False
    assert "PDF not parsed: /Size 12000000" in caplog.text


def test_the_bounds_pass_an_issued_pdf_and_refuse_declared_giants(issued):
    assert out_of_bounds(issued.pdf.read()) == ""
    assert out_of_bounds(CRAFTED) == "/Size 12000000"
    many_objects = b"%PDF-1.7\n" + b"".join(
        b"%d 0 obj\n<<>>\nendobj\n" % n for n in range(1, 2100)
    )
    assert out_of_bounds(many_objects) == "2099 objects"
    streams = b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 50000 /First 9 >>\n"
    assert out_of_bounds(streams) == "50001 objects"
    index = b"%PDF-1.7\n<< /Type /XRef /Size 10 /Index [0 5 100 900000] >>"
    assert out_of_bounds(index) == "/Index declaring 900005 entries"
    classic = b"%PDF-1.4\nxref\n0 5000000\n0000000000 65535 f \n"
    assert out_of_bounds(classic) == "xref subsection of 5000000 entries"


def test_the_signature_check_has_a_deadline(client, issued, settings):
    """A check still waiting at its deadline is answered "unchecked". Both of
    the checker's threads are kept busy meanwhile (as by two slow uploads), so
    the check cannot finish first: with a bare tiny deadline it sometimes did,
    when the request thread lost the processor right after handing it over."""
    from certificates.pdf_check import _pool

    busy = threading.Event()
    blockers = [_pool().submit(busy.wait, 30) for _ in range(2)]
    try:
        settings.CERTIFICATES_PDF_CHECK_SECONDS = 0.05
        data = issued.pdf.read()
        answer = _json(client, data).json()
        assert answer["verdict"] == "unchecked" and answer["valid"] is False
        page = _page(client, data).content.decode()
        assert "Verifica non conclusa" in page and "verify__status--unknown" in page
    finally:
        busy.set()
        for blocker in blockers:
            blocker.result(timeout=30)
    settings.CERTIFICATES_PDF_CHECK_SECONDS = 30
    assert _json(client, data).json()["verdict"] == "genuine"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_crafted_uploads_at_once_leave_the_site_answering(live_server):
    answers: list[int] = []

    def upload():
        response = httpx.post(
            f"{live_server.url}/verifica/pdf.json",
            files={"file": ("c.pdf", CRAFTED, "application/pdf")},
            timeout=60,
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=upload) for _ in range(3)]
    for thread in threads:
        thread.start()
    # While they are in flight, the site still answers a visitor.
    assert httpx.get(f"{live_server.url}/verifica/", timeout=60).status_code == 200
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [200, 200, 200]


def test_a_revoked_certificate_s_pdf_gets_one_verdict(client, issued, hr):
    certificate_revoke(certificate=issued, user=hr, public_reason="Esame annullato")
    data = issued.pdf.read()
    page = _page(client, data).content.decode()
    assert "verify__status--valid" not in page  # no green "authentic" anywhere
    assert "Certificato revocato" in page
    assert "Documento autentico e non alterato." in page
    assert "Esame annullato" in page
    answer = _json(client, data).json()
    assert answer["genuine"] is True and answer["valid"] is False
    assert answer["title"] == "Certificato revocato"


def test_files_signed_before_a_key_rotation_keep_verifying(
    client, course, learner, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Two real keys: certificates and badges signed with the old one verify
    while its certificate is listed as previous, and not once it is dropped."""
    old_key, old_cert = write_signing_files(tmp_path / "old", name="Chiave 2025")
    new_key, new_cert = write_signing_files(tmp_path / "new", name="Chiave 2026")
    settings.CERTIFICATES_SIGNING_KEY = str(old_key)
    settings.CERTIFICATES_SIGNING_CERT = str(old_cert)
    signer.cache_clear()
    try:
        before = issue_certificate(learner, course, django_capture_on_commit_callbacks)
        old_pdf = before.pdf.read()
        client.force_login(learner)
        old_badge = client.get(f"/certificati/{before.pk}/open-badge.jwt").content
        client.logout()

        settings.CERTIFICATES_SIGNING_KEY = str(new_key)
        settings.CERTIFICATES_SIGNING_CERT = str(new_cert)
        settings.CERTIFICATES_PREVIOUS_SIGNING_CERTS = [str(old_cert)]
        signer.cache_clear()
        other = make_user("nuovo@test.it", first_name="Nora", last_name="Neri")
        after = issue_certificate(other, course, django_capture_on_commit_callbacks)
        new_pdf = after.pdf.read()
        assert _json(client, old_pdf).json()["verdict"] == "genuine"
        assert _json(client, new_pdf).json()["verdict"] == "genuine"
        keys = client.get("/.well-known/jwks.json").json()["keys"]
        assert len(keys) == 2
        badge = client.post(
            "/verifica/",
            {"form": "badge", "badge": SimpleUploadedFile("b.jwt", old_badge)},
        ).content.decode()
        assert "Credenziale autentica" in badge

        settings.CERTIFICATES_PREVIOUS_SIGNING_CERTS = []
        assert _json(client, old_pdf).json()["verdict"] == "not_genuine"
        assert _json(client, new_pdf).json()["verdict"] == "genuine"
        badge = client.post(
            "/verifica/",
            {"form": "badge", "badge": SimpleUploadedFile("b.jwt", old_badge)},
        ).content.decode()
        assert "Credenziale non autentica" in badge
    finally:
        signer.cache_clear()
