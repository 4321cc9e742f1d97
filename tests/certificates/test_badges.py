"""Open Badges 3.0: every certificate as a signed OpenBadgeCredential, checked
by parties the project did not write: the 1EdTech JSON Schema, PyJWT against the
published keys, Pillow reading the baked PNG."""

import base64
import gzip
import io
import json
import struct
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from jsonschema import Draft201909Validator
from PIL import Image

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.builders import make_certification, make_user

SCHEMA = json.loads(
    (
        Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json"
    ).read_text()
)


@pytest.fixture
def holder(login, learner):
    return login(learner)


def _download(client, certificate, fmt):
    response = client.get(f"/certificati/{certificate.pk}/open-badge.{fmt}")
    assert response.status_code == 200, response.content[:300]
    return response


def _published_key(client, token):
    """The public key named by the token's kid, as the site publishes it."""
    kid = jwt.get_unverified_header(token)["kid"]
    did, _, thumbprint = kid.partition("#")
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == did and kid in document["assertionMethod"]
    (found,) = [
        k
        for k in client.get("/.well-known/jwks.json").json()["keys"]
        if k["kid"] == thumbprint
    ]
    return jwt.PyJWK(found).key


def _decode(client, token):
    return jwt.decode(
        token,
        _published_key(client, token),
        algorithms=["RS256", "ES256"],
        options={"require": ["iss", "jti", "sub", "nbf"]},
    )


def _upload(client, data, name):
    return client.post(
        "/verifica/",
        {"form": "badge", "badge": SimpleUploadedFile(name, data)},
    )


def test_the_credential_validates_against_the_1edtech_schema(holder, issued):
    credential = _download(holder, issued, "json").json()
    errors = sorted(
        Draft201909Validator(SCHEMA).iter_errors(credential), key=lambda e: e.path
    )
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Fondamenti del servizio"
    assert achievement["creditsAvailable"] == round(issued.duration_minutes / 60, 2)
    assert "almeno l'80\u00a0%" in achievement["criteria"]["narrative"]
    identities = credential["credentialSubject"]["identifier"]
    assert {"identityType": "name", "identityHash": "Giulia Bianchi"}.items() <= (
        identities[0].items()
    )
    assert credential["evidence"][0]["id"] == issued.get_absolute_verify_url()
    assert credential["validFrom"].endswith("Z") and "validUntil" not in credential


def test_the_jwt_verifies_with_pyjwt_against_the_published_key(holder, issued):
    token = _download(holder, issued, "jwt").content.decode()
    header = jwt.get_unverified_header(token)
    # OB 3.0 allows alg, kid and typ, nothing else.
    assert header == {"alg": "RS256", "kid": header["kid"], "typ": "JWT"}
    payload = _decode(holder, token)
    assert payload["iss"] == payload["issuer"]["id"] == "did:web:testserver"
    assert payload["jti"] == payload["id"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    # The JSON download is the same credential the token carries.
    credential = _download(holder, issued, "json").json()
    assert {k: v for k, v in payload.items() if k in credential} == credential
    # Kept once signed: the next download is the same document.
    assert _download(holder, issued, "jwt").content.decode() == token


def test_a_changed_claim_fails(client, holder, issued):
    token = _download(holder, issued, "jwt").content.decode()
    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["credentialSubject"]["identifier"][0]["identityHash"] = "Mario Rossi"
    forged_body = (
        base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    )
    forged = f"{head}.{forged_body}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        _decode(holder, forged)
    page = _upload(client, forged.encode(), "badge.jwt").content.decode()
    assert "Credenziale non autentica o alterata" in page
    assert "verify__status--valid" not in page


def test_a_revoked_certificate_s_status_says_revoked(client, holder, issued, hr):
    credential = _download(holder, issued, "json").json()
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"

    def revoked_bit():
        path = urlsplit(status["statusListCredential"]).path
        response = client.get(path)
        assert response["Content-Type"] == "application/vc+jwt"
        listed = _decode(client, response.content.decode())
        assert listed["type"] == [
            "VerifiableCredential",
            "BitstringStatusListCredential",
        ]
        encoded = listed["credentialSubject"]["encodedList"]
        assert encoded.startswith("u")  # multibase base64url
        raw = gzip.decompress(
            base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
        )
        assert len(raw) * 8 >= 131_072
        index = int(status["statusListIndex"])
        return bool(raw[index // 8] & (0x80 >> (index % 8)))

    assert revoked_bit() is False
    certificate_revoke(
        certificate=issued, user=hr, public_reason="Rilasciato per errore"
    )
    assert revoked_bit() is True


def _png_chunks(data):
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        yield kind, data[position + 8 : position + 8 + length]
        position += 12 + length


def test_the_baked_png_carries_the_credential(holder, issued):
    token = _download(holder, issued, "jwt").content.decode()
    png = _download(holder, issued, "png").content
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (600, 600)
    assert image.info["openbadgecredential"] == token
    # One iTXt chunk, keyword openbadgecredential, not compressed (OB 3.0 §5.3).
    chunks = [body for kind, body in _png_chunks(png) if kind == b"iTXt"]
    (chunk,) = [c for c in chunks if c.startswith(b"openbadgecredential\0")]
    assert chunk[len(b"openbadgecredential\0")] == 0  # compression flag
    # Pixels were drawn: the badge's colour is in the middle of the image.
    assert image.convert("RGB").getpixel((300, 60))[:3] == (13, 92, 99)


@pytest.mark.parametrize("fmt", ["json", "jwt", "png"])
def test_the_verify_page_accepts_each_download(client, holder, issued, fmt, hr):
    data = _download(holder, issued, fmt).content
    page = _upload(client, data, f"badge.{fmt}").content.decode()
    assert "Credenziale autentica: firmata da noi e non alterata." in page
    assert "verify__status--valid" in page and "Certificato valido" in page
    assert issued.serial in page

    certificate_revoke(certificate=issued, user=hr, public_reason="Errore di esame")
    page = _upload(client, data, f"badge.{fmt}").content.decode()
    # One verdict: revoked, with both facts, never a green "authentic" beside it.
    assert "verify__status--valid" not in page
    assert "Certificato revocato" in page
    assert "Credenziale autentica" in page and "Errore di esame" in page


def test_an_altered_json_credential_is_not_authentic(client, holder, issued):
    credential = _download(holder, issued, "json").json()
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = 99
    page = _upload(client, json.dumps(credential).encode(), "b.json").content.decode()
    assert "Credenziale non autentica o alterata" in page
    assert issued.serial not in page


def test_anything_else_is_a_clear_error(client, db):
    response = _upload(client, b"GIF89a not a badge", "b.gif")
    assert response.status_code == 400
    assert "Il file non è un Open Badge" in response.content.decode()


def _png(width, height, *chunks):
    def chunk(kind, body):
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + b"".join(chunk(kind, body) for kind, body in chunks)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4))
        + chunk(b"IEND", b"")
    )


def _nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "name, data",
    [
        # A header declaring ten billion pixels: Pillow refuses it as a bomb.
        (
            "bomb.png",
            _png(
                100_000,
                100_000,
                (b"iTXt", b"openbadgecredential\0\0\0\0\0" + b"eyJ.e30.sig"),
            ),
        ),
        # Nesting deeper than the JSON parser's stack, within the size limit.
        ("deep.json", ('{"id":' + _nested(100_000) + "}").encode()),
        # The same, baked in a PNG of a sane size.
        (
            "deep.png",
            _png(
                1,
                1,
                (
                    b"iTXt",
                    b"openbadgecredential\0\0\0\0\0"
                    + ('{"id":' + _nested(100_000) + "}").encode(),
                ),
            ),
        ),
    ],
)
def test_a_crafted_badge_file_is_not_genuine(client, db, name, data):
    """Files built to make the checker fail get the verdict of any bad badge."""
    response = _upload(client, data, name)
    assert response.status_code == 200
    assert "Credenziale non autentica o alterata" in response.content.decode()


def test_the_learner_page_links_the_downloads_and_linkedin(holder, issued):
    response = holder.get(f"/certificati/{issued.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    for fmt in ("png", "json", "jwt"):
        assert f"/certificati/{issued.pk}/open-badge.{fmt}" in page
    link = response.context["linkedin_url"]
    assert link.startswith("https://www.linkedin.com/profile/add?")
    query = parse_qs(urlsplit(link).query)
    assert query["name"] == ["Fondamenti del servizio"]
    assert query["organizationName"] == ["Formazione Servizio Clienti"]
    year = issued.issued_at.year
    assert query["issueYear"] == [str(year)]
    assert query["certUrl"] == [issued.get_absolute_verify_url()]
    assert query["certId"] == [issued.serial]
    assert "Aggiungi a LinkedIn" in page
    # The learner's home leads there.
    assert (
        f"/certificati/{issued.pk}/"
        in holder.get("/la-mia-formazione/").content.decode()
    )


def test_the_certification_is_named_in_the_badge_and_on_linkedin(
    holder, issued, course
):
    make_certification(course, name="Agente certificato")
    Certificate.objects.filter(pk=issued.pk).update(badge_jwt="", badge_id=None)
    achievement = _download(holder, issued, "json").json()["credentialSubject"][
        "achievement"
    ]
    assert achievement["tag"] == ["Agente certificato"]
    assert "Agente certificato" in achievement["description"]
    link = holder.get(f"/certificati/{issued.pk}/").context["linkedin_url"]
    assert parse_qs(urlsplit(link).query)["name"] == ["Agente certificato"]


def test_only_the_holder_downloads_the_badge(client, issued, login):
    url = f"/certificati/{issued.pk}/open-badge.json"
    assert client.get(url).status_code == 302  # to the login page
    login(make_user("altro@test.it"))
    assert client.get(url).status_code == 404
    assert client.get(f"/certificati/{issued.pk}/").status_code == 404


def test_issuing_the_badge_is_audited(holder, issued):
    from wagtail.models import ModelLogEntry

    _download(holder, issued, "png")
    _download(holder, issued, "json")
    (entry,) = ModelLogEntry.objects.filter(action="lms.certificate.badge")
    assert entry.data["serial"] == issued.serial
