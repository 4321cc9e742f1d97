"""A Redis cache that degrades instead of failing.

The cache only ever speeds pages up, so a Redis outage must not turn into errors:
every operation that cannot reach Redis logs a warning and behaves as a miss
(reads return the default, writes are dropped; `add` reports success, so allauth's
rate limits and TOTP replay guard fail open instead of locking everyone out).
After a failure the cache is skipped for a few seconds, so a hung Redis costs one
short timeout, not one per call. Readiness still reports the outage
(`lms.health`), so operators see it.
"""

import logging
import time
import uuid

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lms.cache")

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrade(name, fallback):
    def method(self, *args, **kwargs):
        if time.monotonic() >= self._skip_until:
            try:
                return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
            except _UNAVAILABLE as exc:
                logger.warning("cache unavailable, %s skipped: %s", name, exc)
                self._skip_until = time.monotonic() + self.retry_after
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _default_of(key, default=None, version=None):
    return default


class _ReusedClient(RedisCacheClient):
    """Django builds a new Redis client object for every cache operation, which
    costs more than a local Redis answering; a client is only a handle on its
    connection pool and is safe to share, so one per pool is kept."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    retry_after = 5.0
    _skip_until = 0.0

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a page must not hang waiting for a dead cache.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = _ReusedClient

    get = _degrade("get", _default_of)
    set = _degrade("set", None)
    add = _degrade("add", True)
    touch = _degrade("touch", False)
    delete = _degrade("delete", False)
    get_many = _degrade("get_many", {})
    set_many = _degrade("set_many", [])
    delete_many = _degrade("delete_many", None)
    has_key = _degrade("has_key", False)
    incr = _degrade("incr", None)
    clear = _degrade("clear", False)

    def ping(self) -> None:
        """Raise when Redis cannot be reached (for the readiness check)."""
        self._cache.get_client(write=True).ping()
        self._skip_until = 0.0


def current_version(key: str, *, timeout=None) -> str | None:
    """The version stored under `key`, started by whichever process asks first
    when there is none; None when the cache cannot be reached (any backend:
    whoever asks then simply does not reuse anything)."""
    from django.core.cache import cache

    try:
        version = cache.get(key)
        if version is None:
            cache.add(key, uuid.uuid4().hex, timeout)
            version = cache.get(key)
    except Exception as exc:  # noqa: BLE001 - a page must still serve
        logger.warning("cache version %s unavailable: %s", key, exc)
        return None
    return version


def replace_version(key: str, *, timeout=None) -> None:
    """Retire everything kept under the current version of `key`: at once, and
    again when the writer's transaction commits (see `remember_versioned`). A
    cache that cannot be reached is logged; the change itself goes on."""
    from django.core.cache import cache
    from django.db import transaction

    def replace():
        try:
            cache.set(key, uuid.uuid4().hex, timeout)
        except Exception as exc:  # noqa: BLE001 - the change must not fail for it
            logger.warning("cache version %s not replaced: %s", key, exc)

    replace()
    transaction.on_commit(replace)


def remember_versioned(*, version_key: str, entry_key: str, stamp, compute, timeout):
    """`compute()`, kept in the cache under the current value of `version_key`
    (and `stamp`, anything else the answer depends on) until `replace_version`
    replaces it. One round trip to Redis when the answer is kept.

    The version is read before the answer is computed, and replaced both at
    once and when the writer's transaction commits: an answer computed from
    data read before a commit is stored under a version that commit has already
    retired, so it is never served after it. A cache that cannot be reached
    only costs the computation."""
    from django.core.cache import cache

    found = cache.get_many([version_key, entry_key])
    version = found.get(version_key)
    entry = found.get(entry_key)
    if version is not None and entry is not None and entry[0] == (version, stamp):
        return entry[1]
    if version is None:
        version = current_version(version_key)
    value = compute()
    if version is not None:
        cache.set(entry_key, ((version, stamp), value), timeout)
    return value
