"""Security headers, CSP, two-factor enrolment, rate limits that reveal nothing,
and uploads checked by content."""

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document

from lms.uploads import check_upload
from tests.builders import PASSWORD
from tests.mfa import totp_code, totp_set_up

ROOT = Path(__file__).resolve().parents[2]
MEDIA = ROOT / "demo" / "data" / "media"


def test_security_headers_and_strict_csp_on_site_pages(client, catalogue):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp


def test_admin_alone_relaxes_csp_for_wagtails_inline_scripts(login, trainer):
    response = login(trainer).get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_no_project_template_has_inline_script_style_or_event_handler():
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attributes = match.group(1)
            if "src=" not in attributes and "application/json" not in attributes:
                offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template}: inline event handler")
        # The CSP refuses inline styles too (a progress bar once drew full);
        # PDF templates are for WeasyPrint, not browsers.
        if "pdf" not in template.name and re.search(r"\sstyle\s*=", text):
            offenders.append(f"{template}: inline style attribute")
    assert offenders == []


@pytest.fixture
def mfa_required(settings):
    settings.LMS_MFA_REQUIRED = True


@pytest.mark.parametrize("role", ["trainer", "hr", "superuser"])
def test_privileged_people_must_set_up_totp_first(
    request, client, mfa_required, role, db
):
    if role == "superuser":
        from people.models import User

        user = User.objects.create_superuser(email="root@test.it", password=PASSWORD)
    else:
        user = request.getfixturevalue(role)
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    for path in ("/la-mia-formazione/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/account/2fa/totp/activate/"
    # allauth asks for the password again before adding a factor.
    response = client.get("/account/2fa/totp/activate/")
    assert response["Location"].startswith("/account/reauthenticate/")
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    assert client.get("/account/2fa/totp/activate/").status_code == 200
    totp_set_up(client, user)
    assert client.get("/la-mia-formazione/").status_code == 200


def test_learners_are_not_asked_for_a_second_factor(login, learner, mfa_required):
    assert login(learner).get("/la-mia-formazione/").status_code == 200


def test_login_with_totp_and_recovery_codes(client, trainer, mfa_required):
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    RecoveryCodes.activate(trainer)
    response = client.post(
        "/account/login/", {"login": trainer.email, "password": PASSWORD}
    )
    assert response["Location"] == "/account/2fa/authenticate/"
    assert client.get("/la-mia-formazione/").status_code == 302  # not signed in yet
    response = client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/la-mia-formazione/").status_code == 200

    # Recovery codes were made with the TOTP and can sign in instead of it.
    codes = (
        Authenticator.objects.get(user=trainer, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )
    other = Client()
    other.post("/account/login/", {"login": trainer.email, "password": PASSWORD})
    response = other.post("/account/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert other.get("/la-mia-formazione/").status_code == 200


LOCKOUT = "Troppi tentativi di accesso. Riprova più tardi."


def _failed_login(client, email, ip="10.0.0.1"):
    return client.post(
        "/account/login/",
        {"login": email, "password": "sbagliata"},
        REMOTE_ADDR=ip,
    )


def test_failed_logins_lock_out_without_saying_whether_the_account_exists(
    client, learner
):
    for _ in range(5):
        assert _failed_login(client, learner.email).status_code == 200
    known = _failed_login(client, learner.email).content.decode()
    for _ in range(5):
        _failed_login(client, "nessuno@test.it", ip="10.0.0.2")
    unknown = _failed_login(client, "nessuno@test.it", ip="10.0.0.2").content.decode()
    assert LOCKOUT in known
    assert LOCKOUT in unknown
    # Even the right password is refused while locked out.
    response = client.post(
        "/account/login/",
        {"login": learner.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.3",
    )
    assert LOCKOUT in response.content.decode()
    # Each address is also limited, whatever accounts it tries.
    last = [_failed_login(client, f"p{n}@test.it", ip="10.0.0.4") for n in range(11)][
        -1
    ]
    assert LOCKOUT in last.content.decode()


def test_password_reset_is_rate_limited_and_says_the_same_for_everyone(client, learner):
    known = client.post("/account/password/reset/", {"email": learner.email})
    unknown = client.post("/account/password/reset/", {"email": "nessuno@test.it"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    statuses = [
        client.post("/account/password/reset/", {"email": learner.email}).status_code
        for _ in range(3)
    ]
    assert 429 in statuses


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("guida.pdf", MINIMAL_PDF, True),
        ("guida.pdf", b"<html><script>alert(1)</script></html>", False),
        ("elenco.csv", b"nome;cognome\nGiulia;Bianchi\n", True),
        ("elenco.csv", b"<!DOCTYPE html><html></html>", False),
        ("elenco.csv", b"\x89PNG\r\n\x1a\n\x00\x00", False),
        ("logo.png", PNG_1PX, True),
        ("logo.png", MINIMAL_PDF, False),
        ("pagina.html", b"<html></html>", False),
        ("chiamata.mp3", (MEDIA / "attesa-apertura.mp3").read_bytes(), True),
        ("chiamata.mp3", b"%PDF-1.4\n" + b"x" * 100, False),
        ("sottotitoli.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nCiao\n", True),
        ("sottotitoli.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nCiao\n", False),
        ("sottotitoli.vtt", b"WEBVTT\n<script>alert(1)</script>", False),
    ],
)
def test_uploads_are_checked_by_content(name, content, ok):
    """Documents, images, audio and captions alike: by what the file holds,
    never by its name."""
    upload = SimpleUploadedFile(name, content)
    if ok:
        check_upload(upload, max_size=1024 * 1024)
    else:
        with pytest.raises(ValidationError):
            check_upload(upload, max_size=1024 * 1024)


def test_too_large_uploads_are_refused():
    with pytest.raises(Exception, match="troppo grande"):
        check_upload(SimpleUploadedFile("a.pdf", MINIMAL_PDF), max_size=10)


def test_admin_document_upload_refuses_disguised_html(login, trainer):
    client = login(trainer)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Finto PDF",
            "file": SimpleUploadedFile("finto.pdf", b"<html><body>x</body></html>"),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert "non corrisponde al tipo PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_documents_are_served_as_attachments_with_nosniff(client, trainer):
    from django.core.files.base import ContentFile

    document = Document(title="Guida")
    document.file.save("guida.txt", ContentFile(b"<html>not a page</html>"))
    # A trainer, who manages documents (who else may have one: tests/security/
    # test_media.py).
    client.force_login(trainer)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response["Content-Type"]
