import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from courses.signals import training_hours
from observations import scoring, services
from observations.models import Observation
from people import roles
from people.privacy import person_data_export
from tests.builders import make_user
from tests.observations.builders import make_checklist, observe, scores_for


def _log_of(observation):
    return ModelLogEntry.objects.filter(
        content_type__model="observation", object_id=str(observation.pk)
    )


def test_full_marks_pass_and_every_step_is_audited(team):
    leader, agent = team
    checklist = make_checklist()
    observation = observe(leader, agent, checklist, level=3)
    assert observation.state == Observation.State.SUBMITTED
    assert observation.passed is True
    assert observation.score == 100
    assert observation.group_results["Sicurezza"] == 100.0
    services.observation_acknowledge(observation=observation, agent=agent, comment="Ok")
    observation.refresh_from_db()
    assert observation.state == Observation.State.ACKNOWLEDGED
    assert observation.agent_comment == "Ok"
    actions = list(_log_of(observation).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "lms.observation.create",
        "lms.observation.save",
        "lms.observation.pass",
        "lms.observation.acknowledge",
    ]


def test_a_critical_criterion_below_its_minimum_fails_whatever_the_total(team):
    leader, agent = team
    checklist = make_checklist(pass_mark=50)
    observation = observe(
        leader, agent, checklist, level=3, **{"Criterio di Sicurezza": 1}
    )
    # 16 of 18 points: 88.89%, well above the pass mark, but safety is critical.
    assert observation.score == Decimal("88.89")
    assert observation.passed is False
    entry = _log_of(observation).get(action="lms.observation.fail")
    assert entry.data["failed_critical"] == ["Criterio di Sicurezza"]


def test_below_the_pass_mark_fails():
    snapshot = {
        "pass_mark": 70,
        "criteria": [
            {"key": "1", "group": "A", "text": "a", "max": 3},
            {"key": "2", "group": "B", "text": "b", "max": 3},
        ],
    }
    low = scoring.result(snapshot=snapshot, scores={"1": 3, "2": 1})
    assert (low.score, low.passed) == (Decimal("66.67"), False)
    assert low.groups == {"A": 100.0, "B": pytest.approx(33.33)}
    assert scoring.result(snapshot=snapshot, scores={"1": 3, "2": 2}).passed


def test_the_observation_keeps_the_checklist_revision_it_started_on(team, lead):
    leader, agent = team
    checklist = make_checklist(pass_mark=70)
    pinned = checklist.live_revision_id
    observation = services.observation_create(
        observer=leader, agent=agent, checklist=checklist
    )
    # A lead trainer publishes a stricter checklist meanwhile.
    checklist.pass_mark = 100
    checklist.save_revision(user=lead).publish(user=lead)
    checklist.refresh_from_db()
    assert checklist.live_revision_id != pinned
    observation = services.observation_submit(
        observation=observation,
        observer=leader,
        scores=scores_for(observation, 2, **{"Criterio di Sicurezza": 3}),
    )
    assert observation.checklist_revision_id == pinned
    assert observation.snapshot["pass_mark"] == 70
    assert observation.passed is True
    # A draft in review is not what the next observation uses either.
    checklist.pass_mark = 10
    checklist.save_revision(user=lead)
    later = services.observation_create(
        observer=leader, agent=agent, checklist=checklist
    )
    assert later.snapshot["pass_mark"] == 100


def test_a_checklist_never_published_is_offered_to_nobody(team):
    leader, agent = team
    checklist = make_checklist(publish=False)
    checklist.live = False
    checklist.save()
    with pytest.raises(ValidationError) as error:
        services.observation_create(observer=leader, agent=agent, checklist=checklist)
    assert services.CHECKLIST_NOT_LIVE in error.value.messages


def test_who_observes_whom(team, trainer):
    leader, agent = team
    stranger = make_user("altro@test.it", role=roles.LEARNER)
    checklist = make_checklist()
    # A team leader observes their team only; a trainer anyone; nobody themself.
    with pytest.raises(PermissionDenied):
        services.observation_create(
            observer=leader, agent=stranger, checklist=checklist
        )
    with pytest.raises(PermissionDenied):
        services.observation_create(observer=agent, agent=leader, checklist=checklist)
    with pytest.raises(PermissionDenied):
        services.observation_create(
            observer=trainer, agent=trainer, checklist=checklist
        )
    assert (
        services.observation_create(
            observer=trainer, agent=stranger, checklist=checklist
        ).observer
        == trainer
    )


def test_a_submitted_observation_cannot_change_and_needs_every_level(team):
    leader, agent = team
    checklist = make_checklist()
    observation = services.observation_create(
        observer=leader, agent=agent, checklist=checklist
    )
    partial = scores_for(observation)
    partial.pop(next(iter(partial)))
    with pytest.raises(ValidationError) as error:
        services.observation_submit(
            observation=observation, observer=leader, scores=partial
        )
    assert "scegli un livello" in " ".join(error.value.messages)
    # A draft may be incomplete, but never out of the scale.
    services.observation_save_draft(
        observation=observation, observer=leader, scores=partial
    )
    with pytest.raises(ValidationError):
        services.observation_save_draft(
            observation=observation,
            observer=leader,
            scores={"x": 1} | {observation.criteria[0]["key"]: 7},
        )
    submitted = services.observation_submit(
        observation=observation, observer=leader, scores=scores_for(observation)
    )
    with pytest.raises(ValidationError):
        services.observation_save_draft(
            observation=submitted, observer=leader, scores=scores_for(observation)
        )
    with pytest.raises(PermissionDenied):
        services.observation_acknowledge(observation=submitted, agent=leader)
    services.observation_acknowledge(observation=submitted, agent=agent)
    with pytest.raises(ValidationError):
        services.observation_acknowledge(observation=submitted, agent=agent)


def test_observations_count_their_minutes_in_the_hours_register(team):
    leader, agent = team
    checklist = make_checklist(title="Sportello")
    observation = observe(leader, agent, checklist)
    draft = services.observation_create(
        observer=leader, agent=agent, checklist=checklist
    )
    assert draft.minutes == 15
    today = observation.observed_on
    entries = [
        entry
        for _receiver, answer in training_hours.send(
            sender="courses",
            user_ids=[agent.pk],
            start=today - datetime.timedelta(days=1),
            end=today,
            course_ids=None,
        )
        for entry in answer or ()
        if entry.kind == "observation"
    ]
    assert [(e.user_id, e.minutes, e.label, e.trainer) for e in entries] == [
        (agent.pk, 15, "Sportello", leader.full_name)
    ]


def test_the_personal_data_export_has_the_persons_observations(team):
    leader, agent = team
    observation = observe(leader, agent, make_checklist())
    services.observation_create(
        observer=leader, agent=agent, checklist=make_checklist()
    )
    archive = zipfile.ZipFile(io.BytesIO(person_data_export(person=agent, actor=agent)))
    records = json.loads(archive.read("data.json"))
    assert [r["pk"] for r in records["observations"]] == [observation.pk]
