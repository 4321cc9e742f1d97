import functools

from django.http import Http404
from django.shortcuts import render
from wagtail import views as wagtail_views
from wagtail.models import Page, Site, get_page_models

from . import tree
from .selectors import MAX_QUERY_LENGTH, search_training


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        results = search_training(query=query, page_number=request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": results})


def serve_page(request, path):
    """Wagtail's page view, with the page found by one query on its URL path.

    Wagtail walks down the tree one level at a time, two queries a level, and
    every learner's module sits four levels down. The walk is only needed when
    some page type routes its own children, which none here does; when that
    changes, or for a path no page has, Wagtail walks as usual (with its 404).
    Everything after finding the page (view restrictions, hooks, serve) is
    Wagtail's own. The page found is remembered until content changes
    (`content.tree`)."""
    if not _pages_route_themselves():
        site = Site.find_for_request(request)
        components = [component for component in path.split("/") if component]
        if site is not None and components:
            root = site.root_page
            url_path = root.url_path + "/".join(components) + "/"
            page = tree.remember(
                ("page", root.path, url_path),
                lambda: _specific_page(url_path=url_path, within=root.path),
            )
            if page is not None:
                try:
                    route = tree.fresh(page).route(request, [])
                except Http404:
                    route = None
                # Wagtail's serve reads the route from here instead of walking.
                request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def _specific_page(*, url_path: str, within: str):
    page = (
        Page.objects.filter(url_path=url_path, path__startswith=within)
        .order_by("path")
        .first()
    )
    return page.specific if page is not None else None


@functools.cache
def _pages_route_themselves() -> bool:
    return any(model.route is not Page.route for model in get_page_models())
