"""Public verification: by code, by QR, by uploaded file, as JSON; rate limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.services import certificate_revoke
from tests.pdfs import pdf_qr_codes, pdf_with_one_byte_changed


def _upload(client, data, name="c.pdf", content_type="application/pdf"):
    return client.post(
        "/verifica/",
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def test_verify_alias_shows_the_public_facts(client, issued):
    response = client.get(f"/verify/{issued.verification_code}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    for fact in (issued.holder_name, issued.course_title, issued.serial):
        assert fact in page
    assert "Certificato valido" in page


def test_qr_code_leads_to_the_verification_page(client, issued):
    (url,) = pdf_qr_codes(issued.pdf.read())
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200 and issued.serial in response.content.decode()


def test_revocation_shows_with_its_public_reason_only(client, issued, hr):
    certificate_revoke(
        certificate=issued,
        user=hr,
        public_reason="Rilasciato per errore",
        internal_reason="segreto interno",
    )
    page = client.get(issued.get_verify_url()).content.decode()
    assert "Certificato non valido: revocato" in page
    assert "Rilasciato per errore" in page and "segreto interno" not in page
    answer = client.get(f"/verifica/{issued.verification_code}.json").json()
    assert answer["status"] == "revoked"
    assert answer["revocation_reason"] == "Rilasciato per errore"


def test_json_answer_matches_the_page(client, issued):
    response = client.get(f"/verify/{issued.verification_code}.json")
    assert response.status_code == 200
    answer = response.json()
    assert answer["found"] is True
    assert answer["serial"] == issued.serial
    assert answer["holder_name"] == "Giulia Bianchi"
    assert answer["status"] == "valid" and answer["expires_at"] is None
    missing = client.get("/verifica/NOPE.json")
    assert missing.status_code == 404 and missing.json()["found"] is False


def test_the_issued_file_verifies_as_genuine(client, issued):
    response = _upload(client, issued.pdf.read())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Documento autentico e non alterato." in page
    assert issued.serial in page


def test_a_one_byte_change_is_caught(client, issued):
    data = pdf_with_one_byte_changed(issued.pdf.read())
    page = _upload(client, data).content.decode()
    assert "Documento non autentico o alterato" in page
    assert issued.serial not in page
    answer = client.post(
        "/verify/pdf.json",
        {"file": SimpleUploadedFile("c.pdf", bytes(data), "application/pdf")},
    ).json()
    assert answer["genuine"] is False and answer["verdict"] == "not_genuine"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"GIF89a not a pdf at all", "application/pdf"),
        (b"%PDF-1.7 but sent as an image", "image/png"),
    ],
)
def test_anything_but_a_pdf_gets_a_clear_error(client, db, data, content_type):
    response = _upload(client, data, content_type=content_type)
    assert response.status_code == 400
    assert "Il file non è un PDF" in response.content.decode()


def test_too_big_an_upload_is_refused(client, db, settings):
    settings.CERTIFICATES_UPLOAD_MAX_BYTES = 1024 * 1024
    response = _upload(client, b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "Il file è troppo grande: al massimo 1 MB." in response.content.decode()


def test_lookups_are_rate_limited_per_client(client, issued, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 3
    url = issued.get_verify_url()
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert "Troppe verifiche" in response.content.decode()
    assert client.get(f"/verifica/{issued.verification_code}.json").status_code == 429
    # Another client still gets its answers.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


@pytest.mark.parametrize(
    ("backend", "options"),
    [
        ("lms.cache.RedisCache", {"IGNORE_EXCEPTIONS": True}),
        ("django.core.cache.backends.redis.RedisCache", {}),
    ],
)
def test_the_verify_page_answers_when_the_cache_is_down(
    client, issued, settings, caplog, backend, options
):
    """A real Redis client pointed at a closed port: the look-up is answered
    (fail open), never a 429 that blames the visitor, and the outage is
    logged as an error."""
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 1
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": options,
        }
    }
    statuses = [client.get(issued.get_verify_url()).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert client.get(f"/verifica/{issued.verification_code}.json").status_code == 200
    errors = [r for r in caplog.records if r.name == "lms.ratelimit"]
    assert errors and all(r.levelname == "ERROR" for r in errors)
    assert "cache unavailable" in errors[0].getMessage()


@pytest.mark.parametrize(
    ("setting", "value", "header", "visitors"),
    [
        (
            "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
            "X-Real-IP",
            "HTTP_X_REAL_IP",
            ("203.0.113.7", "198.51.100.4"),
        ),
        (
            "ALLAUTH_TRUSTED_PROXY_COUNT",
            1,
            "HTTP_X_FORWARDED_FOR",
            ("203.0.113.7", "198.51.100.4"),
        ),
    ],
)
def test_behind_the_load_balancer_each_visitor_has_a_budget(
    client, issued, settings, setting, value, header, visitors
):
    """Every request comes from the proxy's address; the limit counts the
    visitor allauth sees (the same settings as its login limits)."""
    setattr(settings, setting, value)
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 2
    url = issued.get_verify_url()
    first, second = ({header: ip, "REMOTE_ADDR": "10.0.0.2"} for ip in visitors)
    assert [client.get(url, **first).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url, **second).status_code == 200
    # A spoofed header in front of the proxy's does not buy a new budget
    # when the proxy count is what is trusted.
    if header == "HTTP_X_FORWARDED_FOR":
        spoofed = {header: f"1.2.3.4, {visitors[0]}", "REMOTE_ADDR": "10.0.0.2"}
        assert client.get(url, **spoofed).status_code == 429


def test_rate_limit_page_is_translated(client, issued, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = 0
    client.cookies["lms_language"] = "en"
    response = client.get(issued.get_verify_url())
    assert "Too many checks" in response.content.decode()


def test_the_form_takes_a_code_as_typed_and_anything_else_is_not_found(client, issued):
    typed = issued.display_code.lower().replace("-", " ")
    response = client.get("/verifica/", {"code": typed})
    assert response["Location"] == issued.get_verify_url()
    for junk in ("ABCD/EFGH", "../../admin", "x" * 40):
        response = client.get("/verifica/", {"code": junk})
        assert response.status_code == 404
        assert "Nessun certificato corrisponde" in response.content.decode()
