import time

from wagtail.models import Page, Site

from . import tree

SITE_SECONDS = 30.0
MAX_HOSTS = 100


def _values(instance) -> dict:
    return {
        f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
    }


class SiteMiddleware:
    """Wagtail looks up the request's site with one query on every page (a
    hostname match with a CASE ordering). Sites change only when an
    administrator edits them, so each process keeps the answer per host and port
    for half a minute: a change counts at once on the process that made it (the
    receivers in content.apps) and within that half minute on the others.
    Wagtail still does the matching; this only remembers its answer, and each
    request gets its own copy of the site and of its root page. The sites' root
    paths, from which Wagtail builds every page link, are remembered the same
    way (Wagtail would read them from the cache on each request).

    Each request also starts here by reading the token under which published
    content may be reused (`content.tree`)."""

    _found: dict[tuple[str, int], tuple[float, tuple[dict, dict] | None]] = {}
    # Wagtail's root paths of every site (for page URLs), which it otherwise
    # reads from the cache once per request; they change with the same edits.
    _root_paths: tuple[float, list] | None = None
    _generation = 0  # counts forget(): what a request saw before one is stale

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = tree.begin()
        try:
            return self._serve(request)
        finally:
            tree.end(started)

    def _serve(self, request):
        now = time.monotonic()
        root_paths = self._root_paths
        if root_paths is not None and root_paths[0] > now:
            request._wagtail_cached_site_root_paths = list(root_paths[1])
        key = (request._get_raw_host(), request.get_port())
        found = self._found.get(key)
        generation = SiteMiddleware._generation
        if found is not None and found[0] > now:
            request._wagtail_site = self._build(found[1])
            response = self.get_response(request)
        else:
            response = self._remember_site(request, key, generation)
        if (
            hasattr(request, "_wagtail_cached_site_root_paths")
            and generation == self._generation
            and (root_paths is None or root_paths[0] <= now)
        ):
            SiteMiddleware._root_paths = (
                time.monotonic() + SITE_SECONDS,
                list(request._wagtail_cached_site_root_paths),
            )
        return response

    def _remember_site(self, request, key, generation):
        response = self.get_response(request)
        # Remember what Wagtail found, if this request needed a site at all and
        # no site or page changed meanwhile (an edit made by this very request).
        if hasattr(request, "_wagtail_site") and generation == self._generation:
            site = request._wagtail_site
            if len(self._found) >= MAX_HOSTS:  # a wildcard ALLOWED_HOSTS
                self._found.clear()
            rows = None if site is None else (_values(site), _values(site.root_page))
            self._found[key] = (time.monotonic() + SITE_SECONDS, rows)
        return response

    @staticmethod
    def _build(rows) -> Site | None:
        if rows is None:
            return None
        site = Site(**rows[0])
        site.root_page = Page(**rows[1])
        return site

    @classmethod
    def forget(cls, **kwargs):
        cls._generation += 1
        cls._found.clear()
        cls._root_paths = None
