"""Permissions read from the cache.

Every page asks whether the person is HR, a trainer or an administrator (the
header's links, the second-factor rule), and Django answers from two joined
queries per request. Roles change rarely, so the answer is kept in the cache,
stamped with a version that any change of roles or permissions replaces, at
once and when its transaction commits (`people.signals`, `lms.cache`). An
entry stamped with an older version is recomputed; a cache that is down or
emptied only costs the two queries again. The time limit bounds how long an
answer can outlive a change whose new version could not be written (Redis
unreachable at that moment).
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from lms.cache import remember_versioned, replace_version

VERSION_KEY = "lms:perms:version"
ENTRY_SECONDS = 120


def _entry_key(user) -> str:
    return f"lms:perms:{user.pk}:{int(user.is_superuser)}"


def permissions_changed() -> None:
    """Make every cached answer stale (at once and once the change commits)."""
    replace_version(VERSION_KEY)


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not settings.LMS_CACHE_IS_SHARED:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            read = super().get_all_permissions
            user_obj._perm_cache = set(
                remember_versioned(
                    version_key=VERSION_KEY,
                    entry_key=_entry_key(user_obj),
                    stamp=(),
                    compute=lambda: sorted(read(user_obj)),
                    timeout=ENTRY_SECONDS,
                )
            )
        return user_obj._perm_cache
