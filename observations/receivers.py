"""Observed practice's answers to the hooks of `courses`: a course's step, the
learner's tasks and the hours register. Each reads in a fixed number of
queries and writes nothing."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses import signals as courses_signals
from courses.progress import Requirement, Task
from courses.signals import HoursEntry
from lms.words import date_in_words

from . import selectors
from .models import Observation

REQUIREMENT_LABEL = _("Osservazione sul lavoro")
WAITING_LABEL = _("In attesa di osservazione")
TASK_KIND = _("Osservazione sul lavoro")
TASK_TITLE = _("Leggi l'osservazione del {date}")
TASK_ACTION = _("Prendi visione")


@receiver(
    courses_signals.completion_requirements, dispatch_uid="observations_requirements"
)
def requirements(sender, enrollments, today, **kwargs):
    """`courses.signals.completion_requirements`: the step "Osservazione sul
    lavoro" of a course that requires passed observations; met once enough of
    them count (`selectors.passed_counts`). Two queries at most."""
    required = selectors.requirements_for(course_ids={e.course_id for e in enrollments})
    if not required:
        return {}
    counts = selectors.passed_counts(
        enrollments=enrollments, requirements=required, today=today
    )
    url = reverse("observations:mine")
    found = {}
    for enrollment in enrollments:
        requirement = required.get(enrollment.course_id)
        if requirement is None:
            continue
        done = counts.get(enrollment.pk, 0)
        waiting = str(WAITING_LABEL)
        if requirement.count > 1:
            waiting += f" ({done}/{requirement.count})"
        found[enrollment.pk] = [
            Requirement(
                key=f"{selectors.REQUIREMENT_KEY}:{requirement.pk}",
                label=str(REQUIREMENT_LABEL),
                met=done >= requirement.count,
                url=url,
                waiting_label=waiting,
            )
        ]
    return found


@receiver(courses_signals.enrollment_activity, dispatch_uid="observations_activity")
def activity(sender, enrollments, until=None, **kwargs):
    """`courses.signals.enrollment_activity`: an observation made for a
    course's requirement starts the course, passed or not."""
    return selectors.observed_enrollment_ids(enrollments=enrollments, until=until)


@receiver(courses_signals.learner_tasks, dispatch_uid="observations_tasks")
def tasks(sender, user, today, **kwargs):
    """`courses.signals.learner_tasks`: each submitted observation the agent
    has not acknowledged yet. One query."""
    pending = Observation.objects.filter(
        agent=user, state=Observation.State.SUBMITTED
    ).only("pk", "observed_on", "strengths", "improvement")
    return [
        Task(
            key=f"observation:{observation.pk}",
            kind=str(TASK_KIND),
            title=str(TASK_TITLE).format(
                date=date_in_words(observation.observed_on, "j F Y")
            ),
            note=observation.improvement,
            url=reverse("observations:detail", args=[observation.pk]),
            action=str(TASK_ACTION),
        )
        for observation in pending
    ]


@receiver(courses_signals.training_hours, dispatch_uid="observations_hours")
def hours(sender, user_ids, start, end, course_ids=None, **kwargs):
    """`courses.signals.training_hours`: each submitted observation counts its
    minutes for the agent (kind "observation", the observer as trainer). An
    observation belongs to no course, so a register per course leaves them
    out. One query."""
    if course_ids is not None:
        return []
    rows = Observation.objects.exclude(state=Observation.State.DRAFT).filter(
        observed_on__gte=start, observed_on__lte=end
    )
    if user_ids is not None:
        rows = rows.filter(agent_id__in=list(user_ids))
    return [
        HoursEntry(
            user_id=observation.agent_id,
            day=observation.observed_on,
            minutes=observation.minutes,
            kind="observation",
            label=observation.snapshot.get("title", ""),
            trainer=observation.observer.full_name,
        )
        for observation in rows.select_related("observer")
    ]
