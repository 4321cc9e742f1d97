import secrets

from django.db import transaction
from django.utils import timezone

from lms.audit import log

from .models import ApiToken, hash_token

TOKEN_PREFIX = "lms_"


@transaction.atomic
def api_token_create(*, name: str, by) -> tuple[ApiToken, str]:
    """Returns the token and its secret; the secret is not stored and cannot be
    shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name, prefix=raw[:12], token_hash=hash_token(raw), created_by=by
    )
    token.full_clean()
    token.save()
    log(instance=token, action="lms.apitoken.create", user=by, data={"name": name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
        log(
            instance=token,
            action="lms.apitoken.revoke",
            user=by,
            data={"name": token.name},
        )
    return token
