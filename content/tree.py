"""Published content remembered per process, and forgotten everywhere at once.

Pages, their order in a course and their view restrictions change only when a
trainer publishes, moves or deletes something, yet every learner page read them
again: a module page spent six of its eleven queries on content it had read a
moment before for the previous learner. Each process now keeps what it read
under a token held in the shared cache. Any content change replaces the token
(at once, and again when its transaction commits, so that nothing another
process read before the commit is kept under the new token), and every request
starts by reading it (`content.middleware.SiteMiddleware`): a request never
sees content older than the last change committed before it began, as if it
had read the database at its start.

Only where every process reads the same cache (`LMS_CACHE_IS_SHARED`): a
per-process cache could not tell the other processes of a change. Outside a
request (commands, tasks) and when the cache cannot be reached nothing is
remembered. The token also expires after `TOKEN_SECONDS`, so a replacement
lost to a Redis outage cannot keep old content for longer than that.

What is remembered is handed out as copies (`fresh`), never the instance
another request used: a page's attributes are set by the code that serves it.
"""

import contextvars
from collections.abc import Callable, Hashable

from django.conf import settings

from lms.cache import current_version, replace_version

KEY = "lms:content-token"
TOKEN_SECONDS = 600
MAX_ENTRIES = 10_000

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "lms_content_token", default=None
)
# The token and the values kept under it, replaced together: a thread still
# computing under an older token writes into the older dictionary, not this one.
_kept: tuple[str | None, dict[Hashable, object]] = (None, {})


def _kept_under(token: str) -> dict[Hashable, object]:
    global _kept
    kept_token, values = _kept
    if kept_token != token:
        values = {}
        _kept = (token, values)
    return values


def begin() -> contextvars.Token:
    """Start a request: read the token under which content may be reused."""
    token = None
    if settings.LMS_CACHE_IS_SHARED:
        token = current_version(KEY, timeout=TOKEN_SECONDS)
    return _current.set(token)


def active() -> bool:
    """Whether this is a request whose reads may be reused (a shared cache)."""
    return _current.get() is not None


def token() -> str | None:
    return _current.get()


def end(started: contextvars.Token) -> None:
    _current.reset(started)


def remember(key: Hashable, compute: Callable[[], object]) -> object:
    """The value read under the current token, or `compute()` read and kept."""
    token = _current.get()
    if token is None:
        return compute()
    values = _kept_under(token)
    try:
        return values[key]
    except KeyError:
        pass
    value = compute()
    # A change made by this very request (a trainer's publish) cleared the
    # token: what it read before the change is not kept.
    if _current.get() == token and len(values) < MAX_ENTRIES:
        values[key] = value
    return value


def remember_many(prefix: str, ids, compute) -> dict:
    """Like `remember` for several ids at once: `compute(missing_ids)` reads the
    ones not kept yet in one go and returns {id: value} (an id it leaves out
    is kept as None)."""
    ids = list(ids)
    token = _current.get()
    if token is None:
        read = compute(ids)
        return {i: read.get(i) for i in ids}
    values = _kept_under(token)
    result = {i: values[(prefix, i)] for i in ids if (prefix, i) in values}
    missing = [i for i in ids if i not in result]
    if missing:
        read = compute(missing)
        keep = _current.get() == token and len(values) + len(missing) <= MAX_ENTRIES
        for i in missing:
            result[i] = read.get(i)
            if keep:
                values[(prefix, i)] = result[i]
    return result


def changed(**kwargs) -> None:
    """A signal receiver: some content changed. The rest of this request reads
    the database, and every process forgets what it kept."""
    global _kept
    _kept = (None, {})
    _current.set(None)
    if settings.LMS_CACHE_IS_SHARED:
        replace_version(KEY, timeout=TOKEN_SECONDS)


def fresh(instance):
    """A copy of a remembered model instance, with none of the original's cached
    relations or properties. Field values are shared: they are read, not
    changed, by the pages."""
    meta = instance._meta
    values = [getattr(instance, field.attname) for field in meta.concrete_fields]
    return type(instance).from_db(instance._state.db, None, values)


class RememberedRestrictionsMixin:
    """Wagtail checks the view restrictions of a page and of all its ancestors
    on every view, two queries a page: they are remembered with the content.
    The query set handed back still answers for itself when filtered or
    ordered again (the admin's privacy views)."""

    def get_view_restrictions(self):
        read = super().get_view_restrictions
        if _current.get() is None:
            return read()
        rows = remember(("view restrictions", self.pk), lambda: list(read()))
        from wagtail.models import PageViewRestriction

        restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in rows])
        restrictions._result_cache = [fresh(row) for row in rows]
        restrictions._prefetch_done = True
        return restrictions
