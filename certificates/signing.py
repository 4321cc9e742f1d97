"""Signing certificate PDFs (PAdES baseline B-B, the CMS from pyHanko's signer),
and checking them with pyHanko's validator.

The key and certificate come from ``CERTIFICATES_SIGNING_KEY`` and
``CERTIFICATES_SIGNING_CERT`` (settings, else the environment): PEM or DER files.
Where none are configured (dev, tests) a self-signed pair is made on first use in
``CERTIFICATES_SIGNING_DIR`` (default ``var/secret/``, never committed); production
refuses to start without both (``lms.settings.production``) and forbids the
generated pair with ``CERTIFICATES_REQUIRE_SIGNING_KEY``.

After a key rotation, ``CERTIFICATES_PREVIOUS_SIGNING_CERTS`` lists the earlier
signing certificates that are still trusted, so documents and credentials signed
before the rotation keep verifying (`trusted_signing_certs`).
"""

import asyncio
import datetime
import functools
import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pydyf
from asn1crypto import cms
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import (
    ECDSA,
    EllipticCurvePrivateKey,
)
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import (
    load_cert_from_pemder,
    load_certs_from_pemder_data,
    load_private_key_from_pemder,
    load_private_key_from_pemder_data,
)
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

SELF_SIGNED_FILE = "certificate-signing.pem"
SIGNER_NAME = "Formazione Servizio Clienti"
SIGNATURE_BYTES = 8192  # CMS with a certificate chain of a few kB, and margin.
# What a signature slot holds until it is filled: room for the CMS in hex, and
# for the byte range's four numbers.
_CONTENTS_HOLE = b"<" + b"0" * (2 * SIGNATURE_BYTES) + b">"
_BYTE_RANGE_HOLE = b"[0 0 0 0]" + b" " * 36


def _setting(name: str, default=None):
    return getattr(settings, name, None) or os.environ.get(name) or default


def _signing_dir() -> Path:
    return Path(_setting("CERTIFICATES_SIGNING_DIR", settings.BASE_DIR / "var/secret"))


def self_signed_pem(key, *, common_name: str, days: int = 3650) -> tuple[bytes, bytes]:
    """A private key (PKCS#8) and a self-signed signing certificate for it, as
    PEM: the dev and test signer, and a site's own key in the tests."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, SIGNER_NAME),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def _make_self_signed(path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_pem, cert_pem = self_signed_pem(key, common_name=SIGNER_NAME + " (dev)")
    pem = key_pem + cert_pem
    path.parent.mkdir(parents=True, exist_ok=True)
    # Key and certificate live in one file, written atomically, so concurrent
    # first uses (test workers) never pair one process's key with another's cert.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".signing-")
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    os.chmod(tmp, 0o600)
    if not path.exists():
        os.replace(tmp, path)
    else:
        os.unlink(tmp)


@dataclass(frozen=True)
class _CmsTemplate:
    """One CMS signature made by pyHanko, and where in it the two parts lie
    that change from one document to the next."""

    der: bytes  # the whole ContentInfo
    signed_attrs: bytes  # the signed attributes as they are signed (SET OF)
    digest_in_der: int
    digest_in_attrs: int
    signature_in_der: int
    signature_size: int


class _KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, made cheap to call once per certificate.

    - pyHanko re-parses the private key on every signature, and the key checks
      of `cryptography` made that the slowest step of issuing a certificate:
      this one parses it once per process.
    - The PAdES B-B signature of a document differs from the next one's only
      in the message digest and the signature value; with an RSA key both
      have a fixed size. So pyHanko builds one CMS per process (about 3 ms of
      asn1crypto each time), and `cms_for_digest` signs the new attributes and
      writes the two values into a copy of it. Any other key goes through
      pyHanko every time."""

    @functools.cached_property
    def _private_key(self):
        return serialization.load_der_private_key(
            self.signing_key.dump(), password=None
        )

    @property
    def private_key(self):
        """The key as a `cryptography` object (the Open Badges are signed
        with it too)."""
        return self._private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        name = mechanism["algorithm"].native
        key = self._private_key
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if isinstance(key, RSAPrivateKey) and name.endswith("_rsa"):
            return key.sign(data, PKCS1v15(), hash_algo)
        if isinstance(key, RSAPrivateKey) and name == "rsassa_pkcs1v15":
            return key.sign(data, PKCS1v15(), hash_algo)
        if isinstance(key, EllipticCurvePrivateKey) and "ecdsa" in name:
            return key.sign(data, ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)

    def _pyhanko_cms(self, digest: bytes) -> bytes:
        return asyncio.run(
            self.async_sign(
                digest,
                "sha256",
                use_pades=True,
                signed_attr_settings=PdfCMSSignedAttributes(
                    signing_time=datetime.datetime.now(datetime.UTC)
                ),
            )
        ).dump()

    @functools.cached_property
    def _cms_template(self) -> _CmsTemplate | None:
        if not isinstance(self._private_key, RSAPrivateKey):
            return None
        digest = secrets.token_bytes(32)
        der = self._pyhanko_cms(digest)
        info = cms.ContentInfo.load(der)["content"]["signer_infos"][0]
        attrs = b"\x31" + info["signed_attrs"].dump()[1:]
        signature = info["signature"].native
        kinds = {attr["type"].native for attr in info["signed_attrs"]}
        # Only the document's digest may vary among the signed attributes
        # (no signing time, no timestamp), each value must sit in one place,
        # and signing the attributes ourselves must give pyHanko's signature.
        if (
            kinds != {"content_type", "message_digest", "signing_certificate_v2"}
            or info["unsigned_attrs"].native
            or der.count(digest) != 1
            or attrs.count(digest) != 1
            or der.count(signature) != 1
            or self.sign_raw(attrs, "sha256") != signature
        ):
            return None
        return _CmsTemplate(
            der=der,
            signed_attrs=attrs,
            digest_in_der=der.index(digest),
            digest_in_attrs=attrs.index(digest),
            signature_in_der=der.index(signature),
            signature_size=len(signature),
        )

    def cms_for_digest(self, digest: bytes) -> bytes:
        """The detached CMS (PAdES B-B) of a SHA-256 document digest, in DER."""
        template = self._cms_template
        if template is None:
            return self._pyhanko_cms(digest)
        attrs = bytearray(template.signed_attrs)
        attrs[template.digest_in_attrs : template.digest_in_attrs + 32] = digest
        signature = self.sign_raw(bytes(attrs), "sha256")
        if len(signature) != template.signature_size:
            return self._pyhanko_cms(digest)
        der = bytearray(template.der)
        der[template.digest_in_der : template.digest_in_der + 32] = digest
        at = template.signature_in_der
        der[at : at + len(signature)] = signature
        return bytes(der)


@functools.cache
def signer() -> _KeptKeySigner:
    key_file = _setting("CERTIFICATES_SIGNING_KEY")
    cert_file = _setting("CERTIFICATES_SIGNING_CERT")
    if key_file and cert_file:
        password = _setting("CERTIFICATES_SIGNING_KEY_PASSWORD")
        key = load_private_key_from_pemder(
            key_file, passphrase=password.encode() if password else None
        )
        cert = load_cert_from_pemder(cert_file)
    elif _setting("CERTIFICATES_REQUIRE_SIGNING_KEY"):
        raise ImproperlyConfigured(
            "CERTIFICATES_SIGNING_KEY and CERTIFICATES_SIGNING_CERT must be set."
        )
    else:
        path = _signing_dir() / SELF_SIGNED_FILE
        if not path.exists():
            _make_self_signed(path)
        data = path.read_bytes()
        key = load_private_key_from_pemder_data(data, passphrase=None)
        cert = next(iter(load_certs_from_pemder_data(data)))
    return _KeptKeySigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )


def previous_signing_certs() -> list:
    """The signing certificates of earlier keys, still trusted for documents
    and credentials signed with them: a list of paths in settings, or a
    comma-separated list in the environment."""
    value = _setting("CERTIFICATES_PREVIOUS_SIGNING_CERTS") or []
    if isinstance(value, str):
        value = value.split(",")
    return [load_cert_from_pemder(str(path).strip()) for path in value if path]


def trusted_signing_certs() -> list:
    """The current signing certificate first, then the previous ones."""
    return [signer().signing_cert, *previous_signing_certs()]


class _Unpacked(pydyf.Dictionary):
    """A dictionary written as a top-level object, never packed into a
    compressed object stream, so its bytes can be found and filled in."""

    compressible = False


class SignatureSlot:
    """A PAdES baseline B-B signature written into the PDF as WeasyPrint
    saves it, rather than appended to the finished file.

    pyHanko signs an existing PDF by parsing it and appending an incremental
    update (a new catalog, page, metadata, field, signature and cross-reference
    stream): about 10 ms of pure-Python PDF reading and writing per
    certificate, for a file we had just written ourselves. Here the field, its
    widget and an empty signature dictionary go into that first save
    (`reserve`, WeasyPrint's finisher hook), and `fill` only hashes the bytes
    around the hole and writes the CMS into it. The CMS still comes from
    pyHanko's signer; pyHanko's validator checks the result in the tests.

    Use one slot per document."""

    def __init__(self) -> None:
        self._signature = None

    def reserve(self, document, pdf: pydyf.PDF) -> None:
        now = datetime.datetime.now(datetime.UTC)
        self._signature = signature = _Unpacked(
            {
                "Type": "/Sig",
                "Filter": "/Adobe.PPKLite",
                "SubFilter": "/ETSI.CAdES.detached",
                "Name": pydyf.String(SIGNER_NAME),
                "M": pydyf.String(now.strftime("D:%Y%m%d%H%M%S+00'00'")),
                "ByteRange": _BYTE_RANGE_HOLE,
                "Contents": _CONTENTS_HOLE,
            }
        )
        pdf.add_object(signature)
        page = pdf.objects[pdf.pages["Kids"][0]]
        # An invisible field (zero rectangle, printable and locked): PDF/A
        # asks no appearance of an annotation without area.
        widget = pydyf.Dictionary(
            {
                "FT": "/Sig",
                "T": pydyf.String("Signature"),
                "Type": "/Annot",
                "Subtype": "/Widget",
                "F": 132,
                "Rect": pydyf.Array([0, 0, 0, 0]),
                "P": page.reference,
                "V": signature.reference,
            }
        )
        pdf.add_object(widget)
        page.setdefault("Annots", pydyf.Array()).append(widget.reference)
        pdf.catalog["AcroForm"] = pydyf.Dictionary(
            {"Fields": pydyf.Array([widget.reference]), "SigFlags": 3}
        )
        # The PAdES developer extension, as pyHanko declares it.
        extensions = pdf.catalog.setdefault("Extensions", pydyf.Dictionary())
        extensions["ESIC"] = pydyf.Dictionary(
            {
                "Type": "/DeveloperExtensions",
                "BaseVersion": "/1.7",
                "ExtensionLevel": 1,
            }
        )

    def fill(self, data: bytes) -> bytes:
        """Sign everything but the hole, and write the signature into it."""
        if self._signature is None:
            raise ValueError("The PDF was written without a signature slot.")
        start = self._signature.offset
        contents = data.index(_CONTENTS_HOLE, start)
        after = contents + len(_CONTENTS_HOLE)
        byte_range = b"[0 %d %d %d]" % (contents, after, len(data) - after)
        at = data.index(_BYTE_RANGE_HOLE, start)
        output = bytearray(data)
        output[at : at + len(_BYTE_RANGE_HOLE)] = byte_range.ljust(
            len(_BYTE_RANGE_HOLE)
        )
        digest = hashlib.sha256()
        digest.update(memoryview(output)[:contents])
        digest.update(memoryview(output)[after:])
        signature = signer().cms_for_digest(digest.digest())
        if len(signature) > SIGNATURE_BYTES:
            raise ValueError(
                f"The signature needs {len(signature)} bytes; "
                f"{SIGNATURE_BYTES} are reserved."
            )
        output[contents + 1 : contents + 1 + 2 * len(signature)] = (
            signature.hex().encode()
        )
        return bytes(output)
