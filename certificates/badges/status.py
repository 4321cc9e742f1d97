"""Revocation: a W3C Bitstring Status List of the certificates, each at index
pk mod 131,072 of list pk ÷ 131,072, published as a signed
BitstringStatusListCredential."""

import base64
import datetime
import gzip

from django.urls import reverse

from ..models import Certificate
from .issuer import absolute, iso, issuer_did, sign_jwt

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
# At least 131,072 entries per list (W3C, §6.1), so that a list says nothing
# about how many certificates there are.
STATUS_LIST_SIZE = 131_072
STATUS_LIST_TTL_SECONDS = 300


def status_list_url(number: int) -> str:
    return absolute(reverse("certificates:badge_status_list", args=[number]))


def status_entry(certificate: Certificate) -> dict:
    number, index = divmod(certificate.pk, STATUS_LIST_SIZE)
    url = status_list_url(number)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


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
        "validFrom": iso(now),
        "validUntil": iso(now + datetime.timedelta(seconds=STATUS_LIST_TTL_SECONDS)),
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
    return sign_jwt(payload, typ="vc+jwt")
