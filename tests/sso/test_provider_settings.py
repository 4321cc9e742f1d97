"""A malformed LMS_OIDC_PROVIDERS / LMS_SAML_PROVIDERS stops start-up with a
message naming the variable and the mistake (lms/company_sign_in.py), not a
JSON traceback and not a site whose sign-in button fails later."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.company_sign_in import OIDC, SAML, providers_from_env

ROOT = Path(__file__).resolve().parents[2]
GOOD_OIDC = {
    "provider_id": "entra",
    "name": "Microsoft",
    "client_id": "abc",
    "secret": "s",
    "settings": {"server_url": "https://login.example.com/t/v2.0"},
}
GOOD_SAML = {
    "name": "Microsoft",
    "client_id": "entra",
    "settings": {
        "idp": {
            "entity_id": "https://sts.example.com/t/",
            "metadata_url": "https://login.example.com/t/federationmetadata.xml",
        }
    },
}


def oidc(**changes):
    entry = {**GOOD_OIDC, **changes}
    return [{key: value for key, value in entry.items() if value is not None}]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            '[{"provider_id": "entra",}]',
            "LMS_OIDC_PROVIDERS is not valid JSON: Expecting property name "
            "enclosed in double quotes at line 1, column 26.",
        ),
        ('{"provider_id": "x"}', "LMS_OIDC_PROVIDERS must be a JSON list of"),
        ('["entra"]', "LMS_OIDC_PROVIDERS: provider 1: must be a JSON object"),
    ],
)
def test_bad_json_names_the_variable_and_the_place(raw, message):
    with pytest.raises(ImproperlyConfigured) as error:
        providers_from_env("LMS_OIDC_PROVIDERS", raw, kind=OIDC)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (oidc(client_id=None), 'provider 1 ("entra"): `client_id` is missing'),
        (oidc(provider_id=""), 'provider 1 ("abc"): `provider_id` is missing'),
        (oidc(settings=None), '("entra"): `settings` is missing'),
        (oidc(settings={}), "`settings.server_url` (the issuer's address) is missing"),
        (
            oidc(settings={"server_url": "x", "trusts_mfa": True}),
            "not an http(s) URL",
        ),
        (
            oidc(settings={**GOOD_OIDC["settings"], "trusts_mfa": "yes"}),
            "`settings.trusts_mfa` must be a JSON boolean, not a string.",
        ),
        (
            oidc(settings={**GOOD_OIDC["settings"], "password_login_domains": "a.it"}),
            "`settings.password_login_domains` must be a JSON list, not a string.",
        ),
        (oidc() + oidc(), 'two providers share the provider_id "entra"'),
    ],
)
def test_missing_or_wrong_keys_are_named(entries, message):
    import json

    with pytest.raises(ImproperlyConfigured) as error:
        providers_from_env("LMS_OIDC_PROVIDERS", json.dumps(entries), kind=OIDC)
    assert str(error.value).startswith("LMS_OIDC_PROVIDERS: ")
    assert message in str(error.value)


def test_saml_entries_are_checked_and_sign_assertions_by_default():
    import json

    (entry,) = providers_from_env(
        "LMS_SAML_PROVIDERS", json.dumps([GOOD_SAML]), kind=SAML
    )
    assert entry["provider_id"] == "entra"
    assert entry["settings"]["advanced"] == {"want_assertion_signed": True}
    no_idp = {**GOOD_SAML, "settings": {"idp": {"entity_id": "x"}}}
    with pytest.raises(ImproperlyConfigured, match="needs `metadata_url`, or"):
        providers_from_env("LMS_SAML_PROVIDERS", json.dumps([no_idp]), kind=SAML)
    bad_slug = {**GOOD_SAML, "client_id": "la mia azienda"}
    with pytest.raises(ImproperlyConfigured, match="organisation slug"):
        providers_from_env("LMS_SAML_PROVIDERS", json.dumps([bad_slug]), kind=SAML)


def test_empty_variable_means_no_provider():
    assert providers_from_env("LMS_OIDC_PROVIDERS", "", kind=OIDC) == []
    assert providers_from_env("LMS_OIDC_PROVIDERS", None, kind=OIDC) == []


def test_start_up_stops_with_the_message():
    """The real thing: `manage.py check` with a typo in the variable."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "PYTHONPATH": str(ROOT),
        "LMS_OIDC_PROVIDERS": '[{"provider_id": "entra", "name": "Microsoft"',
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: LMS_OIDC_PROVIDERS is " in (
        result.stderr
    )
    assert "not valid JSON" in result.stderr
    # Not a chained JSON traceback.
    assert "JSONDecodeError" not in result.stderr
