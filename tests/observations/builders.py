"""Builders for observed practice: a published checklist, an observation."""

import datetime

from observations.models import (
    Checklist,
    Criterion,
    Observation,
    ObservationRequirement,
)
from observations.services import observation_create, observation_submit

SIX = (
    "Espressione e gestualità",
    "Lessico e formule verbali",
    "Distanza",
    "Aspetto",
    "Velocità e tempi",
    "Sicurezza",
)


def make_checklist(title="Sportello", pass_mark=70, criteria=None, publish=True):
    """criteria: [(group, text, critical, min_level), ...]; by default one per
    parameter, "Sicurezza" critical with minimum 2. Published unless asked."""
    if criteria is None:
        criteria = [
            (group, f"Criterio di {group}", group == "Sicurezza", 2) for group in SIX
        ]
    checklist = Checklist(title=title, pass_mark=pass_mark)
    checklist.criteria = [
        Criterion(
            group=group,
            text=text,
            scale_max=3,
            critical=critical,
            min_level=min_level,
            levels="Assente\nDa migliorare\nAdeguato\nEccellente",
        )
        for group, text, critical, min_level in criteria
    ]
    checklist.save()
    if publish:
        checklist.save_revision().publish()
        checklist.refresh_from_db()
    return checklist


def require_observation(course, count=1, within_days=30, checklist=None):
    return ObservationRequirement.objects.create(
        course=course, count=count, within_days=within_days, checklist=checklist
    )


def scores_for(observation, level=3, **overrides):
    """A level for every criterion (by criterion text, `overrides`)."""
    return {c["key"]: overrides.get(c["text"], level) for c in observation.criteria}


def observe(observer, agent, checklist, level=3, **overrides):
    """A submitted observation with every criterion at `level`."""
    observation = observation_create(
        observer=observer, agent=agent, checklist=checklist
    )
    return observation_submit(
        observation=observation,
        observer=observer,
        scores=scores_for(observation, level, **overrides),
    )


def observe_twice(observer, agent):
    """Two observations of `agent` on a fresh checklist, on 4 December 2026
    (every criterion at level 2) and on 7 December (level 3): a trend with a
    rise for the charts."""
    checklist = make_checklist()
    for level, day in (
        (2, datetime.date(2026, 12, 4)),
        (3, datetime.date(2026, 12, 7)),
    ):
        observation = observe(observer, agent, checklist, level=level)
        Observation.objects.filter(pk=observation.pk).update(observed_on=day)


def observation_start(client, agent, checklist):
    """An observation begun on "Da osservare" by the observer signed in on
    `client`; the draft."""
    response = client.post(
        "/osservazioni/nuova/",
        {"agent": agent.pk, "checklist": checklist.pk, "context": "counter"},
    )
    assert response.status_code == 302
    return Observation.objects.get(
        pk=int(response["Location"].strip("/").split("/")[-1])
    )


def observation_form(observation, level="3", action="submit", **extra):
    """What the observation's page posts: every criterion at `level`."""
    data = {
        "context": "counter",
        "observed_on": observation.observed_on.isoformat(),
        "minutes": "20",
        "strengths": "Accoglienza cordiale.",
        "improvement": "Riassumere la richiesta.",
        "action": action,
        "g0": "Sorride e guarda il cliente.",
    }
    for criterion in observation.criteria:
        data[f"c{criterion['key']}"] = level
    return data | extra
