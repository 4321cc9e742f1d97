"""The issuer of the Open Badges: the organisation, its `did:web`, its keys
(the PDF signing key and the previous ones still trusted) and the VC-JWT
signature made with the current one."""

import base64
import datetime
import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from joserfc import jws
from joserfc.jwk import ECKey, RSAKey

from ..organisation import organisation_details
from ..signing import previous_signing_certs, signer

# The JWT claims OB 3.0 adds around the credential in a VC-JWT payload.
JWT_CLAIMS = ("iss", "jti", "sub", "nbf", "exp")


def organisation() -> dict:
    """The issuing organisation: its name from the admin's site setting (else
    `LMS_ORGANISATION_NAME`), the rest from settings."""
    return {
        "name": organisation_details().name or settings.WAGTAIL_SITE_NAME,
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


def sign_jwt(payload: dict, *, typ: str) -> str:
    key = signing_keys()[0]
    header = {"alg": key.alg, "kid": key.kid, "typ": typ}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    private = signer().private_key
    imported = (
        RSAKey if isinstance(key.public_key, RSAPublicKey) else ECKey
    ).import_key(private)
    return jws.serialize_compact(header, body.encode(), imported, algorithms=[key.alg])


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp(value: str) -> int:
    # Python 3.11 reads the trailing "Z" as UTC.
    return int(datetime.datetime.fromisoformat(value).timestamp())


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
