"""Company sign-in: OpenID Connect and SAML 2.0 through allauth's
`openid_connect` and `saml` providers (people/providers.py), one set of rules.

Each company identity provider is an allauth app (LMS_OIDC_PROVIDERS,
LMS_SAML_PROVIDERS or a SocialApp row). Next to allauth's own keys its
`settings` carry the project's:

- `trusts_email`: the provider's `email` counts as verified even without
  `email_verified` (for a company directory whose addresses only IT sets);
- `create_users`: people the provider vouches for but HR has not imported get an
  account (Learner role) instead of being refused;
- `trusts_mfa`: the provider's word that a second factor was used counts as
  the one privileged roles need: OIDC's `amr` claim saying "mfa", "otp" or
  "hwk"; SAML's AuthnContextClassRef (or Entra ID's `authnmethodsreferences`
  attribute) naming one of `mfa_authn_contexts` (default
  `DEFAULT_MFA_AUTHN_CONTEXTS`);
- `claims`: `{"department": "<claim or attribute>", "job_title": "<…>"}`,
  copied onto the person at each sign-in;
- `password_login_domains`: e-mail domains whose people must use this
  provider (the password form refuses them).

The rules live here, the allauth hooks that apply them in people/adapters.py.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lms.audit import log

from .models import Department, User

# `amr` values (RFC 8176) that mean a second factor was used at the provider.
MFA_AMR_VALUES = frozenset({"mfa", "otp", "hwk"})
# SAML AuthnContextClassRef values that mean the same, unless a provider names
# its own (`mfa_authn_contexts`): Entra ID's, REFEDS' MFA profile and the SAML
# 2.0 two-factor classes.
DEFAULT_MFA_AUTHN_CONTEXTS = (
    "http://schemas.microsoft.com/claims/multipleauthn",
    "https://refeds.org/profile/mfa",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered",
)
# Entra ID also lists the methods used in this attribute of the assertion.
ENTRA_AUTHN_METHODS_ATTRIBUTE = (
    "http://schemas.microsoft.com/claims/authnmethodsreferences"
)
SAML = "saml"
# Where people.providers.CompanyOpenIDConnectProvider keeps the nonce it sent.
NONCE_STATE_KEY = "nonce"

ERROR_UNKNOWN_PERSON = _(
    "Non c'è un account per %(email)s. Gli account sono creati dalle Risorse "
    "umane: chiedi a loro di aggiungerti, poi riprova."
)
ERROR_UNVERIFIED_EMAIL = _(
    "Il tuo accesso aziendale non ha confermato un indirizzo e-mail, quindi non "
    "possiamo riconoscerti. Chiedi all'assistenza informatica di verificarlo."
)
ERROR_ONLY_SIGN_IN = _(
    "L'accesso aziendale serve solo per entrare: esci e usa il pulsante nella "
    "pagina di accesso."
)
ERROR_NONCE = _(
    "La risposta del tuo accesso aziendale non corrisponde a questa richiesta di "
    "accesso (potrebbe essere vecchia o di un'altra finestra), quindi non la "
    "accettiamo. Riprova dalla pagina di accesso."
)
ERROR_PASSWORD_LOGIN_OFF = _(
    "Per gli indirizzi @%(domain)s l'accesso con password è disattivato: usa il "
    "pulsante «Accedi con %(provider)s»."
)


@dataclass(frozen=True)
class ProviderRules:
    create_users: bool = False
    trusts_email: bool = False
    trusts_mfa: bool = False
    claims: dict | None = None
    password_login_domains: tuple[str, ...] = ()
    mfa_authn_contexts: tuple[str, ...] = DEFAULT_MFA_AUTHN_CONTEXTS


def provider_rules(app) -> ProviderRules:
    """The project's settings of one allauth app (a SocialApp, saved or built
    from settings); missing keys mean the cautious default."""
    config = getattr(app, "settings", None) or {}
    return ProviderRules(
        create_users=bool(config.get("create_users", False)),
        trusts_email=bool(config.get("trusts_email", False)),
        trusts_mfa=bool(config.get("trusts_mfa", False)),
        claims=dict(config.get("claims") or {}),
        password_login_domains=tuple(
            domain.lower().lstrip("@")
            for domain in config.get("password_login_domains") or ()
        ),
        mfa_authn_contexts=tuple(
            config.get("mfa_authn_contexts") or DEFAULT_MFA_AUTHN_CONTEXTS
        ),
    )


def is_saml(sociallogin) -> bool:
    return sociallogin.provider.id == SAML


def saml_attributes(sociallogin) -> dict[str, list]:
    """The assertion's attributes (people.providers.CompanySAMLProvider keeps
    them under `attributes`), each a list of values."""
    return (sociallogin.account.extra_data or {}).get("attributes") or {}


def id_token_claims(sociallogin) -> dict:
    return (sociallogin.account.extra_data or {}).get("id_token") or {}


def user_claims(sociallogin) -> dict:
    """The claims the person's details come from: userinfo where it was
    fetched, the ID token's otherwise (as allauth reads them); for SAML the
    first value of each attribute."""
    if is_saml(sociallogin):
        return {
            name: values[0]
            for name, values in saml_attributes(sociallogin).items()
            if values
        }
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def verified_email(sociallogin) -> str | None:
    """The e-mail address the provider says it verified (`email_verified`); an
    unverified one never matches anyone, or anyone could claim HR's people.
    A provider whose addresses are all managed by the company and that sends no
    `email_verified` (Entra ID) is marked `trusts_email` instead."""
    trusted = provider_rules(sociallogin.provider.app).trusts_email
    for address in sociallogin.email_addresses:
        if (address.verified or trusted) and address.email:
            return address.email.strip().lower()
    return None


def mfa_asserted(sociallogin) -> bool:
    """Whether this sign-in's second factor was done at a provider we trust for
    it: the provider is set to `trusts_mfa` and says so, in the ID token's
    `amr` (OIDC) or in the assertion's AuthnContextClassRef (SAML; for Entra ID
    also its `authnmethodsreferences` attribute)."""
    if sociallogin is None:
        return False
    rules = provider_rules(sociallogin.provider.app)
    if not rules.trusts_mfa:
        return False
    if is_saml(sociallogin):
        data = sociallogin.account.extra_data or {}
        said = {
            *(data.get("authn_contexts") or []),
            *(saml_attributes(sociallogin).get(ENTRA_AUTHN_METHODS_ATTRIBUTE) or []),
        }
        return bool(set(rules.mfa_authn_contexts) & said)
    amr = id_token_claims(sociallogin).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(MFA_AMR_VALUES & {str(value).lower() for value in amr})


def nonce_matches(sociallogin) -> bool:
    """Whether the ID token was minted for this sign-in: its `nonce` is the
    one people.providers.CompanyOpenIDConnectProvider sent and kept in the
    state. A sign-in started without one (SAML, or a provider class that sends
    none) has nothing to compare."""
    expected = (sociallogin.state or {}).get(NONCE_STATE_KEY)
    if not expected:
        return True
    received = id_token_claims(sociallogin).get("nonce")
    return isinstance(received, str) and secrets.compare_digest(received, expected)


def password_login_provider_for(email: str, apps) -> str | None:
    """The name of the provider that took password sign-in away from the
    address's domain, if one did."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for app in apps:
        if domain in provider_rules(app).password_login_domains:
            return app.name
    return None


def _department_for(name: str) -> Department:
    department = Department.objects.filter(name__iexact=name).first()
    if department:
        return department
    base = slugify(name)[:34] or "reparto"
    code, n = base, 1
    while Department.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return Department.objects.create(name=name, code=code)


@transaction.atomic
def person_update_from_claims(*, person: User, sociallogin) -> User:
    """Copy department and job title from the provider's claims (as the
    provider's `claims` mapping names them). Department decides which training
    is required, so a change is audited like HR's own edit."""
    mapping = provider_rules(sociallogin.provider.app).claims or {}
    claims = user_claims(sociallogin)
    changed = []
    job_claim = mapping.get("job_title")
    if job_claim and isinstance(claims.get(job_claim), str):
        job_title = claims[job_claim].strip()[:120]
        if job_title and job_title != person.job_title:
            person.job_title = job_title
            changed.append("job_title")
    department_claim = mapping.get("department")
    if department_claim and isinstance(claims.get(department_claim), str):
        name = claims[department_claim].strip()[:120]
        if name and (person.department is None or person.department.name != name):
            person.department = _department_for(name)
            changed.append("department")
    if changed and person.pk:
        person.save(update_fields=changed)
        log(
            instance=person,
            action="lms.person.edit",
            user=None,
            data={
                "email": person.email,
                "from_provider": sociallogin.provider.app.name,
                "fields": changed,
            },
        )
    return person


def signs_in_only_at_a_provider(user) -> bool:
    """No password and no second factor: the company provider is the only
    way this person proves who they are (created by the provider, or imported
    by HR and never set a password)."""
    from allauth.mfa.models import Authenticator

    return (
        user.is_authenticated
        and not user.has_usable_password()
        and not Authenticator.objects.filter(user=user).exists()
    )


def provider_sign_in_stands_for_reauthentication(request, user) -> bool:
    """Whether a company sign-in made a moment ago may stand in for allauth's
    re-confirmation (before setting up TOTP, say) for this person.

    allauth asks for the password, the second factor or an e-mailed code again
    before an account-sensitive step. Someone who signs in only at the company
    provider has no password to give, and allauth's fallback would have them
    wait for an e-mail on the very TOTP set-up a privileged role is sent to.
    For them a company sign-in within allauth's re-authentication window is the
    re-confirmation; once it is older they are sent to sign in at the provider
    again (`reauthentication_by_provider`)."""
    import time

    from allauth.account import app_settings as account_settings
    from allauth.account.internal.flows.login import get_authentication_records

    if request is None or not signs_in_only_at_a_provider(user):
        return False
    last = [
        record["at"]
        for record in get_authentication_records(request, user)
        if record.get("method") == "socialaccount"
    ]
    return bool(last) and (
        time.time() - max(last) < account_settings.REAUTHENTICATION_TIMEOUT
    )


def reauthentication_by_provider(request, user) -> dict | None:
    """allauth's description of a re-authentication method (id, description,
    url) that signs the person in again at the company provider they used, for
    someone with no password and no second factor; None if they have no
    company identity whose provider is still configured."""
    from allauth.socialaccount.adapter import get_adapter
    from allauth.socialaccount.models import SocialAccount, SocialApp
    from django.core.exceptions import ImproperlyConfigured, MultipleObjectsReturned

    adapter = get_adapter(request)
    for account in SocialAccount.objects.filter(user=user).order_by("-last_login"):
        try:
            provider = adapter.get_provider(request, account.provider)
        except (SocialApp.DoesNotExist, MultipleObjectsReturned, ImproperlyConfigured):
            continue  # that provider is no longer configured
        return {
            "id": "socialaccount",
            "description": _("Accedi di nuovo con %(provider)s")
            % {"provider": provider.name},
            "url": provider.get_login_url(request),
        }
    return None
