"""Reads for the learner's home ("La mia formazione") and "continue"."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from content.translation import present_one

from .. import signals
from ..models import Enrollment, ModulePage
from ..progress import CourseProgress, QuizState, Task
from .progress import progress_for, with_prerequisite_flag


def learner_courses(*, user) -> list[CourseProgress]:
    """The learner home: assigned courses first, soonest due date first, then the
    ones I chose myself, newest first."""
    # Read once, with their courses, for the sorting and for the progress.
    enrollments = list(
        with_prerequisite_flag(
            Enrollment.objects.filter(
                user=user, course__live=True, removed_at__isnull=True
            ).select_related("course")
        )
    )
    enrollments.sort(key=lambda e: e.enrolled_at, reverse=True)
    enrollments.sort(
        key=lambda e: (
            not e.is_assigned,
            e.due_date is None,
            e.due_date or date.max if e.is_assigned else date.max,
        )
    )
    return progress_for(
        user=user, courses=[e.course for e in enrollments], enrollments=enrollments
    )


def resume_url(*, progress: CourseProgress) -> str:
    """Where "continue" sends a learner: the next open module, else the quiz when
    it is open, else the course page (which says what is locked and why)."""
    if progress.enrollment is not None:
        next_id = progress.next_module_id
        if next_id is not None:
            module = ModulePage.objects.live().filter(pk=next_id).first()
            if module is not None:
                return present_one(module).url
        if progress.quiz_state == QuizState.OPEN:
            return reverse("courses:quiz", args=[progress.course.pk])
    return present_one(progress.course).url


def learner_tasks(*, user) -> list[Task]:
    """What the apps above ask of the learner (policy reviews, …), soonest due
    first, for the top of the home."""
    tasks: list[Task] = []
    for _receiver, answer in signals.learner_tasks.send(
        sender="courses", user=user, today=timezone.localdate()
    ):
        tasks.extend(answer or ())
    return sorted(tasks, key=lambda t: (t.due_date is None, t.due_date or 0, t.key))
