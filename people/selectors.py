"""Reads for HR: everyone's training status, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from .models import Department, User


@dataclass
class Cell:
    status: str  # not_started | in_progress | certified
    certified_on: object | None = None
    certificate_id: int | None = None
    percent: int = 0


STATUSES = ("not_started", "in_progress", "certified")


def people_for_hr(
    *, department: Department | None = None, search: str = ""
) -> QuerySet[User]:
    people = User.objects.filter(is_active=True).select_related("department")
    if department is not None:
        people = people.filter(department=department)
    if search:
        people = people.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(employee_id__icontains=search)
        )
    return people.order_by("last_name", "first_name", "email")


def training_status_page(
    *, courses: list, people: QuerySet[User], page_number, per_page: int = 50
) -> tuple[PaginatorPage, dict[tuple[int, int], Cell]]:
    """One page of people with their status in each course.

    Statuses: certified (a valid certificate), in progress (enrolled and started),
    not started (not enrolled, or enrolled with nothing done yet).
    """
    from certificates.models import Certificate
    from courses.models import Enrollment, ModuleCompletion
    from courses.selectors import _live_module_ids_by_course_path

    page = Paginator(people, per_page).get_page(page_number)
    user_ids = [person.pk for person in page.object_list]
    course_ids = [course.pk for course in courses]
    cells: dict[tuple[int, int], Cell] = {}
    if not user_ids or not course_ids:
        return page, cells

    modules = _live_module_ids_by_course_path()
    live_by_course = {c.pk: set(modules.get(c.path, [])) for c in courses}
    enrollments = list(
        Enrollment.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids
        ).values_list("pk", "user_id", "course_id")
    )
    done: dict[int, set[int]] = defaultdict(set)
    for enrollment_id, module_id in ModuleCompletion.objects.filter(
        enrollment_id__in=[row[0] for row in enrollments]
    ).values_list("enrollment_id", "module_id"):
        done[enrollment_id].add(module_id)
    for enrollment_id, user_id, course_id in enrollments:
        live = live_by_course[course_id]
        finished = len(done[enrollment_id] & live)
        percent = round(100 * finished / len(live)) if live else 0
        cells[(user_id, course_id)] = Cell(
            status="in_progress" if finished else "not_started", percent=percent
        )
    for cert_id, user_id, course_id, issued_at in Certificate.objects.filter(
        user_id__in=user_ids,
        course_id__in=course_ids,
        status=Certificate.Status.VALID,
    ).values_list("pk", "user_id", "course_id", "issued_at"):
        cells[(user_id, course_id)] = Cell(
            status="certified",
            certified_on=issued_at,
            certificate_id=cert_id,
            percent=100,
        )
    return page, cells
