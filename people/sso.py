"""Company sign-in (OpenID Connect through allauth's `openid_connect` provider).

Each company identity provider is an allauth app (LMS_OIDC_PROVIDERS or a
SocialApp row). Next to allauth's own keys its `settings` carry the project's:

- `trusts_email`: the provider's `email` counts as verified even without
  `email_verified` (for a company directory whose addresses only IT sets);
- `create_users`: people the provider vouches for but HR has not imported get an
  account (Learner role) instead of being refused;
- `trusts_mfa`: the provider's `amr` claim saying "mfa", "otp" or "hwk" counts
  as the second factor privileged roles need;
- `claims`: `{"department": "<claim>", "job_title": "<claim>"}`, copied onto
  the person at each sign-in;
- `password_login_domains`: e-mail domains whose people must use this
  provider (the password form refuses them).

The rules live here, the allauth hooks that apply them in people/adapters.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lms.audit import log

from .models import Department, User

# `amr` values (RFC 8176) that mean a second factor was used at the provider.
MFA_AMR_VALUES = frozenset({"mfa", "otp", "hwk"})

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
    )


def id_token_claims(sociallogin) -> dict:
    return (sociallogin.account.extra_data or {}).get("id_token") or {}


def user_claims(sociallogin) -> dict:
    """The claims the person's details come from: userinfo where it was
    fetched, the ID token's otherwise (as allauth reads them)."""
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
    it: the ID token's `amr` names one and the provider is set to `trusts_mfa`."""
    if sociallogin is None:
        return False
    app = sociallogin.provider.app
    if not provider_rules(app).trusts_mfa:
        return False
    amr = id_token_claims(sociallogin).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(MFA_AMR_VALUES & {str(value).lower() for value in amr})


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
