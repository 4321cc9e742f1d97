"""Verification codes: unguessable, short enough to type, with no look-alike letters."""

import secrets

# Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed from
# paper cannot be mistaken.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20  # 20 symbols × 5 bits = 100 bits of randomness.


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str | None:
    """Return the canonical form of a code typed by a person, or None if it cannot
    be one (so callers answer "not found" without touching the database)."""
    cleaned = raw.strip().upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def display(code: str) -> str:
    """Groups of four, as printed on the certificate: ABCD-EFGH-…"""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
