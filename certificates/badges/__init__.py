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

from .credential import build_credential, credential_of, linkedin_url, sign_credential
from .image import badge_png
from .issuer import did_document, jwks, organisation, signing_keys
from .status import STATUS_LIST_SIZE, STATUS_LIST_TTL_SECONDS, status_list_credential
from .verify import CredentialCheck, verify_credential

__all__ = [
    "STATUS_LIST_SIZE",
    "STATUS_LIST_TTL_SECONDS",
    "CredentialCheck",
    "badge_png",
    "build_credential",
    "credential_of",
    "did_document",
    "jwks",
    "linkedin_url",
    "organisation",
    "sign_credential",
    "signing_keys",
    "status_list_credential",
    "verify_credential",
]
