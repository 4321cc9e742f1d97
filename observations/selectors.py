"""Reads of observed practice, each in a fixed number of queries; and the one
rule of who observes whom, used by every view and the API."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from content.translation import present
from courses.models import Enrollment
from courses.selectors import progress_matrix, with_prerequisite_flag
from people import roles
from people.models import User

from .models import Checklist, Observation, ObservationRequirement

REQUIREMENT_KEY = "observation"


def observable_agents(*, observer) -> QuerySet[User]:
    """Whom `observer` may observe: the people whose manager they are (a team
    leader), or anyone active if they are a trainer. Never themself."""
    people = User.objects.filter(is_active=True).exclude(pk=observer.pk)
    if roles.trains(observer):
        return people
    return people.filter(manager=observer)


def may_observe_anyone(*, observer) -> bool:
    return observable_agents(observer=observer).exists()


def observations_visible_to(*, user) -> QuerySet[Observation]:
    """What a person may open: their own observations once submitted (an agent
    never sees a draft), the ones they made, and, for a trainer or a team
    leader, the submitted observations of the people they may observe."""
    own = Q(agent=user) & ~Q(state=Observation.State.DRAFT)
    mine = Q(observer=user)
    others = Q(agent__in=observable_agents(observer=user).values("pk")) & ~Q(
        state=Observation.State.DRAFT
    )
    return Observation.objects.filter(own | mine | others).select_related(
        "agent", "observer"
    )


def live_checklists() -> QuerySet[Checklist]:
    return Checklist.objects.filter(live=True).order_by("title")


# Requirements -------------------------------------------------------------------


def requirements_for(*, course_ids) -> dict[int, ObservationRequirement]:
    return {
        requirement.course_id: requirement
        for requirement in ObservationRequirement.objects.filter(
            course_id__in=list(course_ids)
        )
    }


def passed_counts(*, enrollments, requirements, today: date) -> dict[int, int]:
    """For each enrolment whose course requires observations, how many passed
    observations count towards it: submitted, passed, made within the
    requirement's days before `today`, in the enrolment's current cycle and,
    if the requirement names a checklist, on it. One query."""
    relevant = [e for e in enrollments if e.course_id in requirements]
    if not relevant:
        return {}
    longest = max(r.within_days for r in requirements.values())
    rows = Observation.objects.filter(
        agent_id__in={e.user_id for e in relevant},
        passed=True,
        state__in=[Observation.State.SUBMITTED, Observation.State.ACKNOWLEDGED],
        observed_on__gte=today - timedelta(days=longest),
        observed_on__lte=today,
    ).values_list("agent_id", "checklist_id", "observed_on")
    by_agent = defaultdict(list)
    for agent_id, checklist_id, observed_on in rows:
        by_agent[agent_id].append((checklist_id, observed_on))
    counts = {}
    for enrollment in relevant:
        requirement = requirements[enrollment.course_id]
        since = today - timedelta(days=requirement.within_days)
        if enrollment.cycle_started_at is not None:
            since = max(since, timezone.localdate(enrollment.cycle_started_at))
        counts[enrollment.pk] = sum(
            1
            for checklist_id, observed_on in by_agent[enrollment.user_id]
            if observed_on >= since and requirement.checklist_id in (None, checklist_id)
        )
    return counts


def observed_enrollment_ids(*, enrollments, until=None) -> set[int]:
    """The enrolments, among these, whose person was observed for the course
    in its cycle: a submitted observation (passed or not) on the checklist its
    requirement names (any, when it names none), made on or after the day the
    cycle began, as `passed_counts` counts them; with `until`, one submitted
    before it (`courses.signals.enrollment_activity`). Two queries at most."""
    required = requirements_for(course_ids={e.course_id for e in enrollments})
    relevant = [e for e in enrollments if e.course_id in required]
    if not relevant:
        return set()
    rows = Observation.objects.filter(
        agent_id__in={e.user_id for e in relevant},
        state__in=[Observation.State.SUBMITTED, Observation.State.ACKNOWLEDGED],
    )
    if until is not None:
        rows = rows.filter(submitted_at__lt=until)
    by_agent = defaultdict(list)
    for agent_id, checklist_id, observed_on in rows.values_list(
        "agent_id", "checklist_id", "observed_on"
    ):
        by_agent[agent_id].append((checklist_id, observed_on))
    found = set()
    for enrollment in relevant:
        checklist = required[enrollment.course_id].checklist_id
        start = enrollment.cycle_started_at
        # The cycle that stood at `until` began before it; a later one began
        # after: the earlier, whose start is not kept, counts everything.
        since = (
            timezone.localdate(start)
            if start is not None and (until is None or start < until)
            else date.min
        )
        if any(
            observed_on >= since and checklist in (None, checklist_id)
            for checklist_id, observed_on in by_agent[enrollment.user_id]
        ):
            found.add(enrollment.pk)
    return found


def waiting_agents(*, observer, today: date | None = None) -> list[dict]:
    """The observer's to-do list: each agent they may observe who is enrolled
    in a course that requires observations, not certified, and still short of
    passed observations. Fixed queries, whatever the number of agents."""
    today = today or timezone.localdate()
    requirements = {
        r.course_id: r for r in ObservationRequirement.objects.select_related("course")
    }
    courses = [r.course for r in requirements.values()]
    if not courses:
        return []
    enrollments = list(
        with_prerequisite_flag(
            Enrollment.objects.filter(
                course__in=courses,
                removed_at__isnull=True,
                user__in=observable_agents(observer=observer),
            ).select_related("user")
        )
    )
    if not enrollments:
        return []
    users = {e.user_id: e.user for e in enrollments}
    matrix = progress_matrix(
        user_ids=list(users), courses=courses, today=today, enrollments=enrollments
    )
    waiting = []
    for (user_id, course_id), progress in matrix.items():
        if progress.certificate is not None:
            continue
        pending = [
            r
            for r in progress.pending_requirements
            if r.key.startswith(REQUIREMENT_KEY + ":")
        ]
        if pending:
            waiting.append(
                {
                    "agent": users[user_id],
                    "course": progress.course,
                    "checklist_id": requirements[course_id].checklist_id,
                }
            )
    # Each course as the observer reads it.
    shown = present([row["course"] for row in waiting])
    for row, course in zip(waiting, shown, strict=True):
        row["course"] = course
    waiting.sort(key=lambda row: (row["agent"].last_name, row["agent"].first_name))
    return waiting


def drafts_of(*, observer) -> list[Observation]:
    return list(
        Observation.objects.filter(
            observer=observer, state=Observation.State.DRAFT
        ).select_related("agent")
    )


# Trends and results ---------------------------------------------------------------


def agent_observations(*, agent) -> list[Observation]:
    """An agent's observations, newest first (drafts are the observer's)."""
    return list(
        Observation.objects.filter(agent=agent)
        .exclude(state=Observation.State.DRAFT)
        .select_related("observer")
    )


def trends(observations: list[Observation]) -> list[dict]:
    """Per parameter, the points (date, percentage) of the submitted
    observations, oldest first, for a small chart each."""
    series: dict[str, list] = {}
    for observation in sorted(observations, key=lambda o: (o.observed_on, o.pk)):
        for group, value in observation.group_results.items():
            series.setdefault(group, []).append((observation.observed_on, value))
    return [{"group": group, "points": points} for group, points in series.items()]


def parameter_results(*, people: QuerySet[User], since: date | None = None):
    """Per parameter, the average result of the submitted observations of
    `people` (a team, a department), worst first, with the number of
    observations and of people observed. One query."""
    rows = Observation.objects.filter(agent__in=people).exclude(
        state=Observation.State.DRAFT
    )
    if since is not None:
        rows = rows.filter(observed_on__gte=since)
    totals: dict[str, list] = {}
    for agent_id, results in rows.values_list("agent_id", "group_results"):
        for group, value in (results or {}).items():
            entry = totals.setdefault(group, [0.0, 0, set()])
            entry[0] += value
            entry[1] += 1
            entry[2].add(agent_id)
    results = [
        {
            "group": group,
            "average": round(total / count, 1),
            "observations": count,
            "people": len(agents),
        }
        for group, (total, count, agents) in totals.items()
    ]
    results.sort(key=lambda row: (row["average"], row["group"]))
    return results


def results_scope(*, user) -> QuerySet[User] | None:
    """Whose results a person may read: HR and trainers everybody, a team
    leader their team; None for anyone else."""
    if user.has_perm("people.view_training_status") or roles.trains(user):
        return User.objects.all()
    team = User.objects.filter(manager=user)
    if team.exists():
        return team
    return None
