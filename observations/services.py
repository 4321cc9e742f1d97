"""Writes of observed practice: an observation drafted, submitted and
acknowledged, each logged; a passed observation completes the courses that
were waiting for it, through the same issuing service as a passed quiz."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment
from courses.services import enrollment_activity_announce, enrollment_try_complete
from lms.audit import log
from lms.forms import check_date
from people.models import User

from . import scoring, selectors
from .models import Checklist, Observation, ObservationRequirement

NOT_YOUR_AGENT = _("Non puoi osservare questa persona.")
CHECKLIST_NOT_LIVE = _("Questa griglia non è pubblicata: scegline un'altra.")
CHECKLIST_EMPTY = _("Questa griglia non ha criteri.")
NOT_A_DRAFT = _("Questa osservazione è già stata inviata: non si può più modificare.")
NOT_SUBMITTED = _("Questa osservazione non è ancora stata inviata.")
ALREADY_ACKNOWLEDGED = _("Hai già preso visione di questa osservazione.")
NOT_YOURS = _("Questa osservazione non è tua.")
SCORE_OUT_OF_SCALE = _("«{criterion}»: scegli un livello da 0 a {max}.")
SCORE_MISSING = _("«{criterion}»: scegli un livello.")
DATE_IN_FUTURE = _("La data dell'osservazione non può essere nel futuro.")

# Practice observed before this product's time is a typo (01/01/0001 was taken,
# and counted in the results): one fixed, simple bound rather than the agent's
# hire date, which may be unknown.
OBSERVED_SINCE = date(2000, 1, 1)


def _check_observed_on(observed_on: date) -> None:
    if observed_on > timezone.localdate():
        raise ValidationError({"observed_on": DATE_IN_FUTURE})
    try:
        check_date(observed_on, earliest=OBSERVED_SINCE)
    except ValidationError as error:
        raise ValidationError({"observed_on": error}) from None


def _store(observation: Observation, *, action: str, user: User, **facts) -> None:
    """Validate, save and leave the audit entry that every step of an
    observation leaves: who was observed, by whom, against which revision of
    the checklist, plus the step's own facts."""
    observation.full_clean()
    observation.save()
    log(
        instance=observation,
        action=action,
        user=user,
        data={
            "agent": observation.agent.email,
            "observer": observation.observer.email,
            "checklist": observation.snapshot.get("title", ""),
            "revision": observation.checklist_revision_id,
            "observed_on": observation.observed_on.isoformat(),
        }
        | facts,
    )


@transaction.atomic
def observation_create(
    *,
    observer: User,
    agent: User,
    checklist: Checklist,
    context: str = Observation.Context.CALL,
    observed_on: date | None = None,
    minutes: int = 15,
) -> Observation:
    """Start an observation as a draft, on the checklist's live version: the
    revision is pinned and its criteria copied, so a change published later
    (or a draft in review) never changes what this observation scores."""
    if not selectors.observable_agents(observer=observer).filter(pk=agent.pk).exists():
        raise PermissionDenied(NOT_YOUR_AGENT)
    checklist = Checklist.objects.filter(pk=checklist.pk, live=True).first()
    if checklist is None:
        raise ValidationError(CHECKLIST_NOT_LIVE)
    snapshot = checklist.snapshot()
    if not snapshot["criteria"]:
        raise ValidationError(CHECKLIST_EMPTY)
    observed_on = observed_on or timezone.localdate()
    _check_observed_on(observed_on)
    observation = Observation(
        agent=agent,
        observer=observer,
        checklist=checklist,
        checklist_revision_id=checklist.live_revision_id,
        snapshot=snapshot,
        context=context,
        observed_on=observed_on,
        minutes=minutes,
    )
    _store(observation, action="lms.observation.create", user=observer)
    return observation


def _locked(observation: Observation, *, person: User, role: str) -> Observation:
    """The observation, locked for this change, if `person` is its `role`
    ("observer" or "agent"): only they may take this step."""
    observation = (
        Observation.objects.select_for_update()
        .select_related("agent", "observer")
        .get(pk=observation.pk)
    )
    if getattr(observation, f"{role}_id") != person.pk:
        raise PermissionDenied(NOT_YOURS)
    return observation


def _locked_draft(observation: Observation, *, observer: User) -> Observation:
    observation = _locked(observation, person=observer, role="observer")
    if observation.state != Observation.State.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    return observation


def _clean_scores(observation: Observation, scores: Mapping, *, complete: bool):
    cleaned, errors = {}, []
    for criterion in observation.criteria:
        raw = scores.get(criterion["key"])
        if raw in (None, ""):
            if complete:
                errors.append(str(SCORE_MISSING).format(criterion=criterion["text"]))
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if not 0 <= value <= criterion["max"]:
            errors.append(
                str(SCORE_OUT_OF_SCALE).format(
                    criterion=criterion["text"], max=criterion["max"]
                )
            )
            continue
        cleaned[criterion["key"]] = value
    if errors:
        raise ValidationError({"scores": errors})
    return cleaned


@transaction.atomic
def observation_save_draft(
    *,
    observation: Observation,
    observer: User,
    scores: Mapping[str, object],
    group_comments: Mapping[str, str] | None = None,
    strengths: str = "",
    improvement: str = "",
    context: str | None = None,
    observed_on: date | None = None,
    minutes: int | None = None,
    complete: bool = False,
) -> Observation:
    """Keep what the observer has scored so far; only its observer changes a
    draft, and nothing changes once it is submitted."""
    observation = _locked_draft(observation, observer=observer)
    observation.scores = _clean_scores(observation, scores, complete=complete)
    groups = set(observation.groups)
    observation.group_comments = {
        group: text.strip()
        for group, text in (group_comments or {}).items()
        if group in groups and text and text.strip()
    }
    observation.strengths = strengths.strip()
    observation.improvement = improvement.strip()
    if context is not None:
        observation.context = context
    if observed_on is not None:
        _check_observed_on(observed_on)
        observation.observed_on = observed_on
    if minutes is not None:
        observation.minutes = minutes
    _store(observation, action="lms.observation.save", user=observer)
    return observation


@transaction.atomic
def observation_submit(*, observation: Observation, observer: User, **fields):
    """Save the last changes, require a level for every criterion, and fix the
    result (`scoring.result`: the pass mark and every critical minimum). A
    passed observation completes any course of the agent that was waiting for
    it, with the same issuing service a passed quiz uses."""
    observation = observation_save_draft(
        observation=observation, observer=observer, complete=True, **fields
    )
    outcome = scoring.result(snapshot=observation.snapshot, scores=observation.scores)
    observation.score = outcome.score
    observation.passed = outcome.passed
    observation.group_results = outcome.groups
    observation.state = Observation.State.SUBMITTED
    observation.submitted_at = timezone.now()
    _store(
        observation,
        action="lms.observation.pass" if outcome.passed else "lms.observation.fail",
        user=observer,
        score=str(outcome.score),
        failed_critical=outcome.failed_critical,
    )
    enrollments = _observed_enrollments(agent=observation.agent)
    if outcome.passed:
        for enrollment in enrollments:
            enrollment_try_complete(enrollment=enrollment)
    # Passed or not, an observation starts the courses that ask for one.
    enrollment_activity_announce(enrollments=enrollments)
    return observation


def _observed_enrollments(*, agent: User) -> list[Enrollment]:
    """The agent's enrolments in courses that require observations, locked."""
    course_ids = ObservationRequirement.objects.values("course_id")
    return list(
        Enrollment.objects.select_for_update()
        .filter(user=agent, course_id__in=course_ids, removed_at__isnull=True)
        .select_related("course", "user")
    )


@transaction.atomic
def observation_acknowledge(
    *, observation: Observation, agent: User, comment: str = ""
) -> Observation:
    """The agent says they have read the observation, optionally with a
    comment; it never changes the result."""
    observation = _locked(observation, person=agent, role="agent")
    if observation.state == Observation.State.DRAFT:
        raise ValidationError(NOT_SUBMITTED)
    if observation.state == Observation.State.ACKNOWLEDGED:
        raise ValidationError(ALREADY_ACKNOWLEDGED)
    observation.state = Observation.State.ACKNOWLEDGED
    observation.acknowledged_at = timezone.now()
    observation.agent_comment = comment.strip()
    _store(
        observation,
        action="lms.observation.acknowledge",
        user=agent,
        comment=observation.agent_comment,
    )
    return observation
