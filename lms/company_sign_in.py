"""Company sign-in providers given in the environment (`LMS_OIDC_PROVIDERS`,
`LMS_SAML_PROVIDERS`), checked when the settings load.

A typo in a JSON variable would otherwise surface as a bare `JSONDecodeError`
traceback at start-up, or worse, start a site whose sign-in button fails on the
first person who presses it. Here each mistake stops start-up with
`ImproperlyConfigured` naming the variable, the provider and what is wrong.
The rules the project's keys carry are applied in people/sso.py; this module
only checks their shape (it is plumbing: it imports no domain app).
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ImproperlyConfigured

OIDC = "oidc"
SAML = "saml"

# The project's own keys in a provider's `settings` and the type each takes.
RULE_TYPES = {
    "create_users": bool,
    "trusts_email": bool,
    "trusts_mfa": bool,
    "claims": dict,
    "password_login_domains": list,
    "mfa_authn_contexts": list,
}
SLUG = re.compile(r"^[A-Za-z0-9_-]+$")


def _fail(name: str, where: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}: {where}{problem}")


def _check_entry(name: str, index: int, entry, kind: str) -> dict:
    where = f"provider {index + 1}: "
    if not isinstance(entry, dict):
        raise _fail(name, where, f"must be a JSON object, not {_json_type(entry)}.")
    label = entry.get("provider_id") or entry.get("client_id") or entry.get("name")
    if isinstance(label, str) and label:
        where = f'provider {index + 1} ("{label}"): '
    required = ["name", "client_id"] + (["provider_id"] if kind == OIDC else [])
    for key in required:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _fail(name, where, f"`{key}` is missing or empty.")
    settings = entry.get("settings")
    if not isinstance(settings, dict):
        raise _fail(name, where, "`settings` is missing or not a JSON object.")
    for key, expected in RULE_TYPES.items():
        if key in settings and not isinstance(settings[key], expected):
            raise _fail(
                name,
                where,
                f"`settings.{key}` must be a JSON {_json_name(expected)}, "
                f"not {_json_type(settings[key])}.",
            )
    if kind == OIDC:
        url = settings.get("server_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise _fail(
                name,
                where,
                "`settings.server_url` (the issuer's address) is missing or "
                "not an http(s) URL.",
            )
        return entry
    # SAML: the slug is part of the ACS address; the IdP must be identifiable.
    if not SLUG.match(entry["client_id"]):
        raise _fail(
            name,
            where,
            "`client_id` is the organisation slug in the sign-in addresses: "
            "letters, digits, '-' and '_' only.",
        )
    idp = settings.get("idp")
    if not isinstance(idp, dict) or not idp.get("entity_id"):
        raise _fail(name, where, "`settings.idp.entity_id` is missing.")
    if not idp.get("metadata_url") and not (idp.get("sso_url") and idp.get("x509cert")):
        raise _fail(
            name,
            where,
            "`settings.idp` needs `metadata_url`, or `sso_url` and `x509cert`.",
        )
    entry = {**entry, "settings": dict(settings)}
    entry.setdefault("provider_id", entry["client_id"])
    # The assertion itself must be signed (python3-saml accepts a signed
    # response around an unsigned assertion otherwise).
    advanced = {"want_assertion_signed": True, **(settings.get("advanced") or {})}
    entry["settings"]["advanced"] = advanced
    return entry


def _json_name(python_type) -> str:
    return {bool: "boolean", dict: "object", list: "list"}[python_type]


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a number"


def providers_from_env(name: str, raw: str | None, *, kind: str) -> list[dict]:
    """The allauth apps in the environment variable `name` (a JSON list), or
    ImproperlyConfigured saying what is wrong with it."""
    if not raw or not raw.strip():
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(
            f"{name} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}. It must be a JSON list of providers "
            "(docs/deployment.md, Company sign-in)."
        ) from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured(
            f"{name} must be a JSON list of providers, not {_json_type(entries)}."
        )
    checked = [_check_entry(name, i, entry, kind) for i, entry in enumerate(entries)]
    seen = set()
    for entry in checked:
        if entry["provider_id"] in seen:
            raise ImproperlyConfigured(
                f'{name}: two providers share the provider_id "{entry["provider_id"]}".'
            )
        seen.add(entry["provider_id"])
    return checked
