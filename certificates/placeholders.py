"""Placeholders in certificate template text: `{holder_name}` and friends, and
nothing else. The text is never a Django template nor `str.format` input, so an
editor cannot reach attributes, filters or tags."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = (
    "holder_name",
    "course",
    "issue_date",
    "expiry_date",
    "score",
    "hours",
    "serial",
    "verification_code",
)
_TOKEN = re.compile(r"\{([^{}]*)\}")

UNKNOWN_PLACEHOLDERS = _(
    "Segnaposto sconosciuti: %(names)s. Quelli ammessi sono: %(allowed)s."
)
STRAY_BRACE = _("Parentesi graffa senza chiusura: scrivi i segnaposto come {course}.")


def validate_placeholders(text: str) -> None:
    unknown = sorted(
        {f"{{{name}}}" for name in _TOKEN.findall(text) if name not in PLACEHOLDERS}
    )
    if unknown:
        raise ValidationError(
            UNKNOWN_PLACEHOLDERS,
            params={
                "names": ", ".join(unknown),
                "allowed": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
            },
        )
    if "{" in _TOKEN.sub("", text) or "}" in _TOKEN.sub("", text):
        raise ValidationError(STRAY_BRACE)


def fill(text: str, values: dict[str, str]) -> str:
    """The text with the values put in, as plain text: the PDF builder sets it
    as text (line breaks included), so nothing in it can become markup and an
    apostrophe prints as an apostrophe."""
    return _TOKEN.sub(lambda match: values.get(match.group(1), match.group(0)), text)
