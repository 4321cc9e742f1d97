"""Placeholders in certificate template text: `{holder_name}` and friends, and
nothing else. The text is never a Django template nor `str.format` input, so an
editor cannot reach attributes, filters or tags."""

import re

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
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


def fill(text: str, values: dict[str, str]) -> SafeString:
    """Escape the text and the values, put the values in, keep line breaks."""

    def value(match):
        return escape(values.get(match.group(1), match.group(0)))

    escaped = escape(text)
    filled = _TOKEN.sub(value, escaped)
    return mark_safe(filled.replace("\n", "<br>"))  # noqa: S308 - escaped above
