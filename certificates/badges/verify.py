"""Checking an uploaded credential: a VC-JWT (a file, or baked in a PNG), or
the credential as plain JSON."""

import io
import json
import uuid
from dataclasses import dataclass

from joserfc import jws
from joserfc.errors import JoseError

from ..models import Certificate
from .credential import credential_of
from .image import PNG_KEYWORD
from .issuer import JWT_CLAIMS, signing_keys, timestamp

MAX_CREDENTIAL_BYTES = 256 * 1024


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

    # Opening reads the chunks before the image data, and decodes no pixels;
    # but Pillow still refuses a header declaring a giant image (a bomb), and
    # that refusal is a bad badge like any other, not a server error.
    try:
        with Image.open(io.BytesIO(data)) as image:
            value = image.info.get(PNG_KEYWORD)
    except Image.DecompressionBombError as error:
        raise ValueError("declared image too large") from error
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
    credential = {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
    try:
        consistent = (
            payload["iss"] == credential["issuer"]["id"]
            and payload["jti"] == credential["id"]
            and payload["sub"] == credential["credentialSubject"]["id"]
            and payload["nbf"] == timestamp(credential["validFrom"])
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
        except (ValueError, RecursionError):
            # RecursionError: nesting deeper than the parser's stack (a few
            # hundred thousand brackets fit within the size limit).
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
    return {k: v for k, v in credential.items() if k not in JWT_CLAIMS}
