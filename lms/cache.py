"""The shared cache: django-redis, where every call that cannot reach Redis costs
that one call (a miss, a write not made), logged as an error by the `lms.cache`
logger (`IGNORE_EXCEPTIONS` in settings); the next call tries Redis again.

What is cached never gates or ends access (no progress, permissions or
sessions), so a miss only costs the work of computing it again.
"""

import logging

from django.core.cache import cache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("lms.cache")


class RedisCache(DjangoRedisCache):
    """`add` fails open: its callers are rate limits and their locks (allauth
    takes a lock with `add` before counting a login), and a cache outage must
    not lock everyone out of signing in. Everything else is django-redis's."""

    def add(self, *args, **kwargs):
        try:
            return self.client.add(*args, **kwargs)
        except ConnectionInterrupted as error:
            logger.error("cache add failed open: %s", error.__cause__ or error)
            return True


def ping() -> None:
    """Raise when the cache's server cannot be reached (for the readiness
    check): ordinary calls ignore the error, this asks the client directly."""
    client = getattr(cache, "client", None)
    if client is None:  # a local-memory cache has nothing to reach
        return
    client.get_client(write=True).ping()
