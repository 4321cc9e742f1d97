"""Reads for the learner-facing search."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page

from courses.models import CoursePage, ModulePage

MAX_QUERY_LENGTH = 200


@dataclass
class SearchHit:
    page: Page
    kind: str  # "course" or "module"
    course: CoursePage | None
    summary: str


def search_training(*, query: str, page_number, per_page: int = 10) -> PaginatorPage:
    """Live courses and modules whose title, summary or body text match the query,
    one page of them, with the course of each module found in one query.

    Modules of a course that is not live are left out: learners cannot reach them.
    """
    pages = (
        Page.objects.live()
        .public()
        .type(CoursePage, ModulePage)
        .search(query[:MAX_QUERY_LENGTH], operator="and")
    )
    result_page = Paginator(pages, per_page).get_page(page_number)
    specific = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[page.pk for page in result_page.object_list]
        ).specific()
    }
    parent_paths = {
        page.path[: -page.steplen]
        for page in specific.values()
        if isinstance(page, ModulePage)
    }
    courses = {
        course.path: course
        for course in CoursePage.objects.live().filter(path__in=parent_paths)
    }
    hits = []
    for found in result_page.object_list:
        page = specific.get(found.pk)
        if isinstance(page, CoursePage):
            hits.append(SearchHit(page, "course", page, page.summary))
        elif isinstance(page, ModulePage):
            course = courses.get(page.path[: -page.steplen])
            if course is not None:
                hits.append(SearchHit(page, "module", course, page.intro))
    result_page.object_list = hits
    return result_page
