"""Every certificate as an Open Badges 3.0 `OpenBadgeCredential`.

The credential follows the W3C Verifiable Credentials data model 2.0 and the
1EdTech Open Badges 3.0 specification: the achievement (the course, the
certifications it confers, its criteria and its hours), the issuer's profile
(the organisation, from settings), the holder, the issue and expiry dates, and
a `credentialStatus` entry in a W3C Bitstring Status List that says whether the
certificate has been revoked.

It is secured as a VC-JWT (a compact JWS, OB 3.0 §8.2 / VC-JOSE) with the same
key that signs the PDFs (`signing.signer`), and the public keys, the current one
and those of `CERTIFICATES_PREVIOUS_SIGNING_CERTS`, are published as a JWKS
(`/.well-known/jwks.json`) and in a `did:web` document
(`/.well-known/did.json`). The JOSE header's `kid` is the DID URL of the key
(`did:web:<host>#<RFC 7638 thumbprint>`), and the issuer's id is the DID.

The credential is signed once, on first request, and kept on the certificate
(`services.certificate_badge_issue`), so a download always gives the same
document, as the PDF's kept hash does.
"""

import base64
import datetime
import gzip
import hashlib
import io
import json
import uuid
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from .models import Certificate
from .signals import badge_achievement
from .signing import previous_signing_certs, signer

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)
PNG_KEYWORD = "openbadgecredential"
# Bitstring Status List: at least 131,072 entries per list (W3C, §6.1), so a
# list says nothing about how many certificates there are.
STATUS_LIST_SIZE = 131_072
STATUS_LIST_TTL_SECONDS = 300
MAX_CREDENTIAL_BYTES = 256 * 1024


# --- the organisation and its keys ------------------------------------------


def organisation() -> dict:
    """The issuing organisation, from settings for now."""
    return {
        "name": getattr(settings, "LMS_ORGANISATION_NAME", "")
        or settings.WAGTAIL_SITE_NAME,
        "url": getattr(settings, "LMS_ORGANISATION_URL", "") or settings.SITE_URL,
        "email": getattr(settings, "LMS_ORGANISATION_EMAIL", ""),
        "linkedin_id": getattr(settings, "LMS_ORGANISATION_LINKEDIN_ID", ""),
    }


def issuer_did() -> str:
    """`did:web` of the site (its host, a port written %3A): the document is
    served at /.well-known/did.json."""
    netloc = urlsplit(settings.SITE_URL).netloc
    return "did:web:" + quote(netloc, safe="")


@dataclass(frozen=True)
class BadgeKey:
    public_key: object  # cryptography's public key
    certificate: x509.Certificate

    @property
    def jwk(self):
        if isinstance(self.public_key, RSAPublicKey):
            return RSAKey.import_key(self.public_key)
        return ECKey.import_key(self.public_key)

    @property
    def alg(self) -> str:
        if isinstance(self.public_key, RSAPublicKey):
            return "RS256"
        if isinstance(self.public_key, EllipticCurvePublicKey):
            return {256: "ES256", 384: "ES384", 521: "ES512"}[
                self.public_key.curve.key_size
            ]
        raise ValueError("Open Badges are signed with an RSA or EC key only.")

    @property
    def thumbprint(self) -> str:
        return self.jwk.thumbprint()

    @property
    def kid(self) -> str:
        return f"{issuer_did()}#{self.thumbprint}"

    def public_jwk(self) -> dict:
        return {
            **self.jwk.as_dict(private=False),
            "kid": self.thumbprint,
            "use": "sig",
            "alg": self.alg,
            "x5c": [
                base64.b64encode(self.certificate.public_bytes(Encoding.DER)).decode(
                    "ascii"
                )
            ],
        }


def _badge_key(asn1_cert) -> BadgeKey:
    cert = x509.load_der_x509_certificate(asn1_cert.dump())
    return BadgeKey(public_key=cert.public_key(), certificate=cert)


def signing_keys() -> list[BadgeKey]:
    """The current key first, then the previous ones still trusted."""
    return [
        _badge_key(signer().signing_cert),
        *(_badge_key(cert) for cert in previous_signing_certs()),
    ]


def jwks() -> dict:
    return {"keys": [key.public_jwk() for key in signing_keys()]}


def did_document() -> dict:
    did = issuer_did()
    methods = [
        {
            "id": key.kid,
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": key.jwk.as_dict(private=False),
        }
        for key in signing_keys()
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/jwk/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def _sign(payload: dict, *, typ: str) -> str:
    key = signing_keys()[0]
    header = {"alg": key.alg, "kid": key.kid, "typ": typ}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    private = signer().private_key
    imported = (
        RSAKey if isinstance(key.public_key, RSAPublicKey) else ECKey
    ).import_key(private)
    return jws.serialize_compact(header, body.encode(), imported, algorithms=[key.alg])


# --- the credential -------------------------------------------------------------


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _valid_until(certificate: Certificate) -> datetime.datetime | None:
    """The last second of the expiry date, in the site's time zone: a
    certificate is valid through its expiry date (`current_status`)."""
    if certificate.expires_at is None:
        return None
    end = datetime.datetime.combine(
        certificate.expires_at,
        datetime.time(23, 59, 59),
        tzinfo=ZoneInfo(settings.TIME_ZONE),
    )
    return end


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def status_list_url(number: int) -> str:
    return _absolute(reverse("certificates:badge_status_list", args=[number]))


def _status_entry(certificate: Certificate) -> dict:
    number, index = divmod(certificate.pk, STATUS_LIST_SIZE)
    url = status_list_url(number)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _extras(certificate: Certificate) -> dict:
    found: dict = {"certifications": [], "description": ""}
    for _receiver, answer in badge_achievement.send(
        sender=Certificate, certificate=certificate
    ):
        if not answer:
            continue
        found["certifications"] += answer.get("certifications", [])
        found["description"] = found["description"] or answer.get("description", "")
    return found


def _identity_hash(value: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest()


def build_credential(certificate: Certificate, *, badge_id: uuid.UUID) -> dict:
    """The OpenBadgeCredential of a certificate, in the holder's language."""
    language = getattr(certificate.user, "preferred_language", "") or "it"
    with translation.override(language):
        return _credential(certificate, badge_id=badge_id, language=language)


def _credential(certificate, *, badge_id, language) -> dict:
    org = organisation()
    extras = _extras(certificate)
    course_summary = getattr(certificate.course, "summary", "") or ""
    hours = _hours(certificate.duration_minutes)
    pass_mark = certificate.attempt.pass_mark
    criteria = _(
        "Completare tutti i moduli del corso «%(course)s» (%(hours)s ore) e "
        "superare il quiz finale con almeno il %(mark)s %%."
    ) % {"course": certificate.course_title, "hours": hours, "mark": pass_mark}
    description = extras["description"] or course_summary or criteria
    if extras["certifications"]:
        description += " " + _("Vale per la certificazione: %(names)s.") % {
            "names": ", ".join(extras["certifications"])
        }
    achievement_id = "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, _absolute(f"/corsi/{certificate.course_id}/"))
    )
    result_id = f"{achievement_id}#punteggio"
    salt = uuid.uuid5(badge_id, "salt").hex
    issuer = {"id": issuer_did(), "type": ["Profile"], "name": org["name"]}
    if org["url"]:
        issuer["url"] = org["url"]
    if org["email"]:
        issuer["email"] = org["email"]
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.course_title,
        "description": description,
        "criteria": {"narrative": criteria},
        "creditsAvailable": hours,
        "inLanguage": language,
        "resultDescription": [
            {
                "id": result_id,
                "type": ["ResultDescription"],
                "name": _("Punteggio del quiz finale"),
                "resultType": "Percent",
                "requiredValue": str(pass_mark),
                "valueMin": "0",
                "valueMax": "100",
            }
        ],
    }
    if extras["certifications"]:
        achievement["tag"] = extras["certifications"]
    if certificate.course_version:
        achievement["version"] = certificate.course_version
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{badge_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "description": _("Certificato %(serial)s rilasciato a %(holder)s.")
        % {"serial": certificate.serial, "holder": certificate.holder_name},
        "issuer": issuer,
        "validFrom": _iso(certificate.issued_at),
        "awardedDate": _iso(certificate.issued_at),
        "credentialSubject": {
            "id": f"urn:uuid:{uuid.uuid5(badge_id, 'holder')}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": _identity_hash(
                        certificate.user.email.strip().lower(), salt
                    ),
                    "salt": salt,
                },
            ],
            "achievement": achievement,
            "creditsEarned": hours,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": result_id,
                    "value": f"{certificate.score.normalize():f}",
                }
            ],
        },
        "credentialStatus": _status_entry(certificate),
        "credentialSchema": [
            {"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ],
        "evidence": [
            {
                "id": certificate.get_absolute_verify_url(),
                "type": ["Evidence"],
                "name": _("Pagina di verifica del certificato %(serial)s")
                % {"serial": certificate.serial},
            }
        ],
    }
    if (until := _valid_until(certificate)) is not None:
        credential["validUntil"] = _iso(until)
    return credential


def sign_credential(credential: dict) -> str:
    """The VC-JWT: the credential as the payload with the JWT claims OB 3.0
    asks (iss, jti, sub, nbf, exp), header `alg`, `kid` and `typ` only."""
    payload = dict(credential)
    payload["iss"] = credential["issuer"]["id"]
    payload["jti"] = credential["id"]
    payload["sub"] = credential["credentialSubject"]["id"]
    payload["nbf"] = _timestamp(credential["validFrom"])
    if "validUntil" in credential:
        payload["exp"] = _timestamp(credential["validUntil"])
    return _sign(payload, typ="JWT")


def _timestamp(value: str) -> int:
    # Python 3.11 reads the trailing "Z" as UTC.
    return int(datetime.datetime.fromisoformat(value).timestamp())


_JWT_CLAIMS = ("iss", "jti", "sub", "nbf", "exp")


def credential_of(token: str) -> dict:
    """The credential inside one of our VC-JWTs (not verified: for reading a
    token this site signed and stored)."""
    payload = json.loads(jws.extract_compact(token.encode()).payload)
    return {k: v for k, v in payload.items() if k not in _JWT_CLAIMS}


# --- what the learner downloads ---------------------------------------------------


def linkedin_url(certificate: Certificate) -> str:
    """LinkedIn's "add a licence or certification to your profile" link."""
    org = organisation()
    extras = _extras(certificate)
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": extras["certifications"][0]
        if extras["certifications"]
        else certificate.course_title,
        "issueYear": certificate.issued_at.astimezone(
            ZoneInfo(settings.TIME_ZONE)
        ).year,
        "issueMonth": certificate.issued_at.astimezone(
            ZoneInfo(settings.TIME_ZONE)
        ).month,
        "certUrl": certificate.get_absolute_verify_url(),
        "certId": certificate.serial or certificate.display_code,
    }
    if org["linkedin_id"]:
        params["organizationId"] = org["linkedin_id"]
    else:
        params["organizationName"] = org["name"]
    if certificate.expires_at:
        params["expirationYear"] = certificate.expires_at.year
        params["expirationMonth"] = certificate.expires_at.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


BADGE_SIZE = 600
BADGE_COLOUR = "#0d5c63"


def badge_png(certificate: Certificate, *, token: str) -> bytes:
    """The badge image, drawn for this certificate, with the VC-JWT baked in an
    uncompressed iTXt chunk `openbadgecredential` (OB 3.0 §5.3.1)."""
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    fonts = settings.BASE_DIR / "certificates" / "fonts"
    font = partial(_font, fonts / "DejaVuSans-Latin.ttf")
    bold = partial(_font, fonts / "DejaVuSans-Bold-Latin.ttf")
    size = BADGE_SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=BADGE_COLOUR)
    draw.ellipse((30, 30, size - 30, size - 30), outline="white", width=4)
    centre = size // 2
    with translation.override(
        getattr(certificate.user, "preferred_language", "") or "it"
    ):
        label = _("CERTIFICATO").upper()
    draw.text(
        (centre, 120), organisation()["name"], font=font(26), fill="white", anchor="mm"
    )
    draw.text((centre, 175), label, font=bold(30), fill="#f4d35e", anchor="mm")
    lines = _wrap(certificate.course_title, bold(40), draw, width=size - 150)[:4]
    top = centre + 20 - 25 * len(lines)
    for number, line in enumerate(lines):
        draw.text(
            (centre, top + 50 * number), line, font=bold(40), fill="white", anchor="mm"
        )
    year = certificate.issued_at.astimezone(ZoneInfo(settings.TIME_ZONE)).year
    draw.text((centre, size - 130), str(year), font=font(30), fill="white", anchor="mm")
    info = PngInfo()
    info.add_itxt(PNG_KEYWORD, token, lang="", tkey="", zip=False)
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, optimize=True)
    return output.getvalue()


def _font(path, size):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font, draw, *, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


# --- revocation: the Bitstring Status List ----------------------------------


def status_list_credential(number: int) -> str:
    """The signed BitstringStatusListCredential of list `number`: bit i is set
    when the certificate with primary key number × size + i is revoked."""
    start = number * STATUS_LIST_SIZE
    revoked = Certificate.objects.filter(
        pk__gte=start,
        pk__lt=start + STATUS_LIST_SIZE,
        status=Certificate.Status.REVOKED,
    ).values_list("pk", flat=True)
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for pk in revoked:
        index = pk - start
        bits[index // 8] |= 0x80 >> (index % 8)  # the first index is the left bit
    encoded = base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0))
    url = status_list_url(number)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": _iso(now),
        "validUntil": _iso(now + datetime.timedelta(seconds=STATUS_LIST_TTL_SECONDS)),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            # Multibase: "u" is base64url without padding.
            "encodedList": "u" + encoded.decode("ascii").rstrip("="),
            "ttl": STATUS_LIST_TTL_SECONDS * 1000,
        },
    }
    payload = {
        **credential,
        "iss": issuer_did(),
        "jti": url,
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(now.timestamp()),
        "exp": int(now.timestamp()) + STATUS_LIST_TTL_SECONDS,
    }
    return _sign(payload, typ="vc+jwt")


# --- verifying an uploaded credential ---------------------------------------------


@dataclass(frozen=True)
class CredentialCheck:
    """What an uploaded credential is: signed by one of our keys and unaltered
    (`authentic`), and which certificate it stands for."""

    authentic: bool
    certificate: Certificate | None
    kind: str  # "jwt", "json" or "png"


def _credential_text(data: bytes) -> tuple[str, str]:
    """(kind, text) of an upload: a baked PNG's iTXt, or the file itself."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", _baked_text(data)
    text = data.decode("utf-8").strip().lstrip("\ufeff")
    return ("json" if text.startswith("{") else "jwt"), text


def _baked_text(data: bytes) -> str:
    from PIL import Image

    # Opening reads the chunks before the image data, and decodes no pixels.
    with Image.open(io.BytesIO(data)) as image:
        value = image.info.get(PNG_KEYWORD)
    if not isinstance(value, str):
        raise ValueError("no openbadgecredential chunk")
    return value.strip()


def _verify_jwt(token: str) -> dict | None:
    """The payload of a VC-JWT signed by one of our keys, else None."""
    try:
        header = jws.extract_compact(token.encode()).headers()
    except (JoseError, ValueError):
        return None
    keys = {key.kid: key for key in signing_keys()}
    key = keys.get(header.get("kid"))
    if key is None or header.get("alg") != key.alg:
        return None
    try:
        verified = jws.deserialize_compact(token, key.jwk, algorithms=[key.alg])
        payload = json.loads(verified.payload)
    except (JoseError, ValueError):
        return None
    credential = {k: v for k, v in payload.items() if k not in _JWT_CLAIMS}
    try:
        consistent = (
            payload["iss"] == credential["issuer"]["id"]
            and payload["jti"] == credential["id"]
            and payload["sub"] == credential["credentialSubject"]["id"]
            and payload["nbf"] == _timestamp(credential["validFrom"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    return credential if consistent else None


def _certificate_for(credential_id) -> Certificate | None:
    if not isinstance(credential_id, str) or not credential_id.startswith("urn:uuid:"):
        return None
    try:
        badge_id = uuid.UUID(credential_id.removeprefix("urn:uuid:"))
    except ValueError:
        return None
    return Certificate.objects.filter(badge_id=badge_id).select_related("user").first()


def verify_credential(data: bytes) -> CredentialCheck:
    """A VC-JWT (as a file, or baked in a PNG) is authentic when one of our keys
    signed it and its claims agree; a credential as plain JSON when it is,
    claim for claim, the one signed and kept for its certificate."""
    if len(data) > MAX_CREDENTIAL_BYTES and not data.startswith(b"\x89PNG"):
        return CredentialCheck(authentic=False, certificate=None, kind="json")
    try:
        kind, text = _credential_text(data)
    except (ValueError, UnicodeDecodeError, OSError):
        return CredentialCheck(authentic=False, certificate=None, kind="png")
    if len(text) > MAX_CREDENTIAL_BYTES:
        return CredentialCheck(authentic=False, certificate=None, kind=kind)
    if kind == "json":
        try:
            credential = json.loads(text)
        except ValueError:
            return CredentialCheck(authentic=False, certificate=None, kind=kind)
        if not isinstance(credential, dict):
            return CredentialCheck(authentic=False, certificate=None, kind=kind)
        certificate = _certificate_for(credential.get("id"))
        if certificate is None or not certificate.badge_jwt:
            return CredentialCheck(authentic=False, certificate=None, kind=kind)
        kept = credential_of(certificate.badge_jwt)
        authentic = _without_claims(credential) == kept
        return CredentialCheck(
            authentic=authentic,
            certificate=certificate if authentic else None,
            kind=kind,
        )
    if text.startswith("{"):
        return verify_credential(text.encode())
    credential = _verify_jwt(text)
    certificate = _certificate_for(credential.get("id")) if credential else None
    return CredentialCheck(
        authentic=certificate is not None, certificate=certificate, kind=kind
    )


def _without_claims(credential: dict) -> dict:
    return {k: v for k, v in credential.items() if k not in _JWT_CLAIMS}
