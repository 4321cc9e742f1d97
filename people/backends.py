"""Permissions read from the cache.

Every page asks whether the person is HR, a trainer or an administrator (the
header's links, the second-factor rule), and Django answers from two joined
queries per request. Roles change rarely, so the answer is kept in the cache,
stamped with a version that any change of roles or permissions replaces once
its transaction commits (`people.signals`). An entry stamped with an older
version is recomputed; a cache that is down or emptied only costs the two
queries again. The time limit bounds how long an answer can outlive a change
whose new version could not be written (Redis unreachable at that moment).
"""

import uuid

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "lms:perms:version"
ENTRY_SECONDS = 120


def _entry_key(user) -> str:
    return f"lms:perms:{user.pk}:{int(user.is_superuser)}"


def permissions_changed() -> None:
    """Make every cached answer stale, once the change is committed."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not settings.LMS_CACHE_IS_SHARED:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            key = _entry_key(user_obj)
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY)
            entry = found.get(key)
            if version is not None and entry is not None and entry[0] == version:
                user_obj._perm_cache = set(entry[1])
            else:
                if version is None:
                    # First use, or the cache was emptied: start a version
                    # (another process may have started one first).
                    cache.add(VERSION_KEY, uuid.uuid4().hex, None)
                    version = cache.get(VERSION_KEY)
                permissions = super().get_all_permissions(user_obj)
                if version is not None:
                    cache.set(key, (version, sorted(permissions)), ENTRY_SECONDS)
                user_obj._perm_cache = permissions
        return user_obj._perm_cache
