from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from lms.ratelimit import hit

from .models import ApiToken, hash_token

# A token reads what its creator could read: it works only while the creator is
# active and still holds HR's permission (the one that lets them make tokens).
CREATOR_PERMISSION = ("people", "view_training_status")


def _creator_may_still_read() -> Q:
    """Asked of the database on every request: a person deactivated or moved
    out of HR stops their tokens at once."""
    app_label, codename = CREATOR_PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
    Membership = Permission.group_set.through
    UserPermission = Permission.user_set.through
    through_group = Membership.objects.filter(
        permission__in=permission,
        group__user=OuterRef("created_by"),
    )
    direct = UserPermission.objects.filter(
        permission__in=permission, user=OuterRef("created_by")
    )
    return Q(created_by__is_active=True) & (
        Q(created_by__is_superuser=True) | Exists(through_group) | Exists(direct)
    )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked or unknown token is a 401, and
    so is one whose creator is no longer active or no longer HR."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        found = ApiToken.objects.filter(
            _creator_may_still_read(),
            token_hash=hash_token(token),
            revoked_at__isnull=True,
        ).first()
        if found is None:
            return None
        now = timezone.now()
        # One write a minute at most, not one per request.
        if found.last_used_at is None or (now - found.last_used_at).seconds > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found


class TokenRateThrottle(SimpleRateThrottle):
    """Per-token limit from settings (`LMS_API_RATE`, e.g. "600/m"), counted in
    the shared cache with an atomic counter per token and window
    (`lms.ratelimit.hit`): parallel requests never slip past the limit, as they
    did with ninja's list of timestamps read and written back. One instance
    serves every request and thread, so it keeps no state between calls
    except the last answer's waiting time, which only sets Retry-After."""

    def __init__(self):
        super().__init__(settings.LMS_API_RATE)
        self._retry_after = None

    def allow_request(self, request):
        limit, period = self.parse_rate(settings.LMS_API_RATE)
        auth = getattr(request, "auth", None)
        ident = str(auth.pk) if auth is not None else "anonymous"
        result = hit(scope="api:token", ident=ident, limit=limit, period=period)
        self._retry_after = result.retry_after
        return result.allowed

    def wait(self):
        return self._retry_after
