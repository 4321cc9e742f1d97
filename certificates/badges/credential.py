"""The OpenBadgeCredential of a certificate, its VC-JWT, and the LinkedIn link."""

import datetime
import hashlib
import json
import uuid
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from joserfc import jws

from lms.words import percent_with_article

from ..models import Certificate
from ..signals import badge_achievement
from .issuer import (
    JWT_CLAIMS,
    absolute,
    iso,
    issuer_did,
    organisation,
    sign_jwt,
    timestamp,
)
from .status import VC_CONTEXT, status_entry

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)


def _valid_until(certificate: Certificate) -> datetime.datetime | None:
    """The last second of the expiry date, in the site's time zone: a
    certificate is valid through its expiry date (`current_status`)."""
    if certificate.expires_at is None:
        return None
    end = datetime.datetime.combine(
        certificate.expires_at,
        datetime.time(23, 59, 59),
        tzinfo=ZoneInfo(settings.TIME_ZONE),
    )
    return end


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _extras(certificate: Certificate) -> dict:
    found: dict = {"certifications": [], "description": ""}
    for _receiver, answer in badge_achievement.send(
        sender=Certificate, certificate=certificate
    ):
        if not answer:
            continue
        found["certifications"] += answer.get("certifications", [])
        found["description"] = found["description"] or answer.get("description", "")
    return found


def _identity_hash(value: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((value + salt).encode()).hexdigest()


def build_credential(certificate: Certificate, *, badge_id: uuid.UUID) -> dict:
    """The OpenBadgeCredential of a certificate, in the holder's language."""
    language = getattr(certificate.user, "preferred_language", "") or "it"
    with translation.override(language):
        return _credential(certificate, badge_id=badge_id, language=language)


def _credential(certificate, *, badge_id, language) -> dict:
    org = organisation()
    extras = _extras(certificate)
    course_summary = getattr(certificate.course, "summary", "") or ""
    hours = _hours(certificate.duration_minutes)
    pass_mark = certificate.attempt.pass_mark
    criteria = _(
        "Completare tutti i moduli del corso «%(course)s» (%(hours)s ore) e "
        "superare il quiz finale con almeno %(mark)s."
    ) % {
        "course": certificate.course_title,
        "hours": hours,
        "mark": percent_with_article(pass_mark),
    }
    description = extras["description"] or course_summary or criteria
    if extras["certifications"]:
        description += " " + _("Vale per la certificazione: %(names)s.") % {
            "names": ", ".join(extras["certifications"])
        }
    achievement_id = "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, absolute(f"/corsi/{certificate.course_id}/"))
    )
    result_id = f"{achievement_id}#punteggio"
    salt = uuid.uuid5(badge_id, "salt").hex
    issuer = {"id": issuer_did(), "type": ["Profile"], "name": org["name"]}
    if org["url"]:
        issuer["url"] = org["url"]
    if org["email"]:
        issuer["email"] = org["email"]
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.course_title,
        "description": description,
        "criteria": {"narrative": criteria},
        "creditsAvailable": hours,
        "inLanguage": language,
        "resultDescription": [
            {
                "id": result_id,
                "type": ["ResultDescription"],
                "name": _("Punteggio del quiz finale"),
                "resultType": "Percent",
                "requiredValue": str(pass_mark),
                "valueMin": "0",
                "valueMax": "100",
            }
        ],
    }
    if extras["certifications"]:
        achievement["tag"] = extras["certifications"]
    if certificate.course_version:
        achievement["version"] = certificate.course_version
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{badge_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "description": _("Certificato %(serial)s rilasciato a %(holder)s.")
        % {"serial": certificate.serial, "holder": certificate.holder_name},
        "issuer": issuer,
        "validFrom": iso(certificate.issued_at),
        "awardedDate": iso(certificate.issued_at),
        "credentialSubject": {
            "id": f"urn:uuid:{uuid.uuid5(badge_id, 'holder')}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": _identity_hash(
                        certificate.user.email.strip().lower(), salt
                    ),
                    "salt": salt,
                },
            ],
            "achievement": achievement,
            "creditsEarned": hours,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": result_id,
                    "value": f"{certificate.score.normalize():f}",
                }
            ],
        },
        "credentialStatus": status_entry(certificate),
        "credentialSchema": [
            {"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ],
        "evidence": [
            {
                "id": certificate.get_absolute_verify_url(),
                "type": ["Evidence"],
                "name": _("Pagina di verifica del certificato %(serial)s")
                % {"serial": certificate.serial},
            }
        ],
    }
    if (until := _valid_until(certificate)) is not None:
        credential["validUntil"] = iso(until)
    return credential


def sign_credential(credential: dict) -> str:
    """The VC-JWT: the credential as the payload with the JWT claims OB 3.0
    asks (iss, jti, sub, nbf, exp), header `alg`, `kid` and `typ` only."""
    payload = dict(credential)
    payload["iss"] = credential["issuer"]["id"]
    payload["jti"] = credential["id"]
    payload["sub"] = credential["credentialSubject"]["id"]
    payload["nbf"] = timestamp(credential["validFrom"])
    if "validUntil" in credential:
        payload["exp"] = timestamp(credential["validUntil"])
    return sign_jwt(payload, typ="JWT")


def credential_of(token: str) -> dict:
    """The credential inside one of our VC-JWTs (not verified: for reading a
    token this site signed and stored)."""
    payload = json.loads(jws.extract_compact(token.encode()).payload)
    return {k: v for k, v in payload.items() if k not in JWT_CLAIMS}


def linkedin_url(certificate: Certificate) -> str:
    """LinkedIn's "add a licence or certification to your profile" link."""
    org = organisation()
    extras = _extras(certificate)
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": extras["certifications"][0]
        if extras["certifications"]
        else certificate.course_title,
        "issueYear": certificate.issued_at.astimezone(
            ZoneInfo(settings.TIME_ZONE)
        ).year,
        "issueMonth": certificate.issued_at.astimezone(
            ZoneInfo(settings.TIME_ZONE)
        ).month,
        "certUrl": certificate.get_absolute_verify_url(),
        "certId": certificate.serial or certificate.display_code,
    }
    if org["linkedin_id"]:
        params["organizationId"] = org["linkedin_id"]
    else:
        params["organizationName"] = org["name"]
    if certificate.expires_at:
        params["expirationYear"] = certificate.expires_at.year
        params["expirationMonth"] = certificate.expires_at.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)
