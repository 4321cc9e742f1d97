"""Reads for the admin's assignment pages."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from content.translation import originals

from ..models import CoursePage, Enrollment
from ..progress import CourseProgress
from .progress import progress_matrix


def published_courses() -> QuerySet[CoursePage]:
    return originals(CoursePage.objects.live()).order_by("path")


def assignable_courses() -> list[CoursePage]:
    return list(originals(CoursePage.objects.live()).order_by("title"))


@dataclass
class AssignmentRow:
    enrollment: Enrollment
    progress: CourseProgress | None


def course_assignments(*, course: CoursePage) -> list[AssignmentRow]:
    """Everyone enrolled in a course, active first, with who assigned them, why
    and their status; removed assignments stay listed as history."""
    enrollments = list(
        Enrollment.objects.filter(course=course)
        .select_related("user", "user__department", "enrolled_by", "removed_by")
        .order_by(
            F("removed_at").asc(nulls_first=True),
            F("due_date").asc(nulls_last=True),
            "user__last_name",
            "user__first_name",
        )
    )
    matrix = progress_matrix(
        user_ids=[e.user_id for e in enrollments if e.removed_at is None],
        courses=[course],
    )
    return [AssignmentRow(e, matrix.get((e.user_id, course.pk))) for e in enrollments]
