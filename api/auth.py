from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from .models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; a revoked or unknown token is a 401."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        found = ApiToken.objects.filter(
            token_hash=hash_token(token), revoked_at__isnull=True
        ).first()
        if found is None:
            return None
        now = timezone.now()
        # One write a minute at most, not one per request.
        if found.last_used_at is None or (now - found.last_used_at).seconds > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found


class TokenRateThrottle(AuthRateThrottle):
    """Per-token limit from settings (`LMS_API_RATE`, e.g. "600/m"), counted in
    the default cache so that every worker shares it."""

    def __init__(self):
        super().__init__(settings.LMS_API_RATE)

    def allow_request(self, request):
        self.rate = settings.LMS_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
