"""Signing keys on disk for tests that start production processes or rotate
keys: real RSA or EC keys with self-signed certificates, as an organisation's
own would be."""

import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from certificates.signing import self_signed_pem


def write_signing_files(folder: Path, *, name="Centro Servizi Test", kind="rsa"):
    """(key path, certificate path) of a new key pair written into `folder`."""
    key = (
        ec.generate_private_key(ec.SECP256R1())
        if kind == "ec"
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    key_pem, cert_pem = self_signed_pem(key, common_name=name, days=30)
    folder.mkdir(parents=True, exist_ok=True)
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(key_pem)
    cert_path.write_bytes(cert_pem)
    return key_path, cert_path


_PRODUCTION_FILES: tuple[str, str] | None = None


def production_signing_files() -> tuple[str, str]:
    """One key pair per test process for the production processes it starts."""
    global _PRODUCTION_FILES
    if _PRODUCTION_FILES is None:
        folder = Path(tempfile.mkdtemp(prefix="lms-prod-signing-"))
        key, cert = write_signing_files(folder, name="Produzione di prova")
        _PRODUCTION_FILES = (str(key), str(cert))
    return _PRODUCTION_FILES
