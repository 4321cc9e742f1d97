"""Fixed-window request counters in the shared cache, and the client's address
as allauth sees it.

A counter is one cache entry per client and window, created with `add` and
raised with `incr`: both single atomic commands in Redis (and under a lock in
Django's local-memory cache), so parallel requests never lose a count the way a
read-modify-write of a list of timestamps does.

When the cache cannot be reached the request is let through and the outage is
logged as an error: the limits protect the service from one abusive client, and
a cache outage must not turn every visitor into that client (a 429 that blames
them). Readiness reports the outage as well (`lms.health`).
"""

import logging
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

logger = logging.getLogger("lms.ratelimit")


@dataclass(frozen=True)
class Hit:
    allowed: bool
    retry_after: int  # seconds until the current window ends


def client_address(request) -> str:
    """The client's address by allauth's rules (`ALLAUTH_TRUSTED_CLIENT_IP_HEADER`
    or `ALLAUTH_TRUSTED_PROXY_COUNT` behind a proxy, else `REMOTE_ADDR`), so that
    every limit of the site counts the same person the same way."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        # The trusted header is missing: the request did not come through the
        # proxy. All such requests share one budget.
        return "unknown"


def hit(*, scope: str, ident: str, limit: int, period: int) -> Hit:
    """Count one request of `ident` against `limit` per `period` seconds."""
    now = time.time()
    window = int(now // period)
    retry_after = max(1, int((window + 1) * period - now))
    key = f"ratelimit:{scope}:{ident}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this is the window's first.
        count = 1
    except Exception as exc:  # noqa: BLE001 - any cache failure fails open
        logger.error("rate limit %s not counted, cache unavailable: %s", scope, exc)
        return Hit(allowed=True, retry_after=retry_after)
    if count is None:
        # lms.cache.RedisCache (django-redis, IGNORE_EXCEPTIONS) answers None
        # when Redis is down.
        logger.error("rate limit %s not counted, cache unavailable", scope)
        return Hit(allowed=True, retry_after=retry_after)
    return Hit(allowed=count <= limit, retry_after=retry_after)
