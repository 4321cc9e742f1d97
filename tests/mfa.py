"""Two-factor steps that tests of password and company sign-in share: the
TOTP code a phone would show, and the set-up page's last step."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)


def totp_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def totp_set_up(client, person) -> None:
    """Type the code for the secret the open set-up page shows: allauth saves
    the person's authenticator and sends them on."""
    secret = client.session["mfa.totp.secret"]
    response = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=person, type="totp").exists()
