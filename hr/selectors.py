"""Reads for HR that cross the apps below it: everyone's progress in the courses."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet

from courses.selectors import progress_matrix
from people.models import User


def training_status_page(
    *, courses: list, people: QuerySet[User], page_number, per_page: int = 50
) -> tuple[PaginatorPage, dict]:
    """One page of people with their progress in each course, keyed by
    (user id, course id); the same figures the learners see on their own pages."""
    page = Paginator(people, per_page).get_page(page_number)
    user_ids = [person.pk for person in page.object_list]
    return page, progress_matrix(user_ids=user_ids, courses=courses)
