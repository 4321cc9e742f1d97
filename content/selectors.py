"""Reads for the learner-facing search."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page, get_page_models

from .translation import active_locale_id, default_locale_id

MAX_QUERY_LENGTH = 200


@dataclass
class SearchHit:
    page: Page
    parent: Page | None  # the page it belongs to, for a page that is part of one
    label: str  # what kind of page it is, in words ("Modulo del corso «…»")
    summary: str


def searchable_page_models() -> list[type[Page]]:
    """Page types that learners search: those that say how they present a hit
    (`search_summary()`, `search_label(parent)` and `search_has_parent`). The apps
    that own them decide; content knows none of them."""
    return [model for model in get_page_models() if hasattr(model, "search_summary")]


def search_training(*, query: str, page_number, per_page: int = 10) -> PaginatorPage:
    """Live, public pages of the searchable types whose indexed fields match the
    query, one page of them, each with its parent when it is part of another
    searchable page (a module of its course), in a fixed number of queries.

    A hit whose parent is not live is left out: learners cannot reach it.
    Pages are searched in the reader's language and in the original's (the
    courses nobody translated); another language's translations are left out,
    and so is an original whose translation the reader is shown instead (the
    two were listed side by side, one in each language).
    """
    models = searchable_page_models()
    reader, default = active_locale_id(), default_locale_id()
    pages = (
        Page.objects.live().public().type(*models).filter(locale__in={reader, default})
    )
    if reader != default:
        translated = Page.objects.live().filter(locale=reader).values("translation_key")
        pages = pages.exclude(
            pk__in=list(
                Page.objects.filter(
                    locale=default, translation_key__in=translated
                ).values_list("pk", flat=True)
            )
        )
    pages = pages.search(query[:MAX_QUERY_LENGTH], operator="and")
    result_page = Paginator(pages, per_page).get_page(page_number)
    specific = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[page.pk for page in result_page.object_list]
        ).specific()
    }
    nested = [page for page in specific.values() if page.search_has_parent]
    parents = {
        parent.path: parent
        for parent in Page.objects.live()
        .type(*models)
        .filter(path__in={page.path[: -page.steplen] for page in nested})
        .specific()
    }
    hits = []
    for found in result_page.object_list:
        page = specific.get(found.pk)
        if page is None:
            continue
        if page.search_has_parent:
            parent = parents.get(page.path[: -page.steplen])
            if parent is None:
                continue
        else:
            parent = None
        hits.append(
            SearchHit(page, parent, page.search_label(parent), page.search_summary())
        )
    result_page.object_list = hits
    return result_page
