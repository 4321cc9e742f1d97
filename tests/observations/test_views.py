"""The pages: an observation recorded and acknowledged through the forms,
another person's observation closed, list pages in a fixed number of queries."""

import datetime
import re

import pytest

from observations.models import Observation
from people import roles
from people.models import Department
from people.services import user_set_language
from tests.builders import make_user
from tests.observations.builders import (
    make_checklist,
    observation_form,
    observation_start,
    observe,
    observe_twice,
)


def test_team_leader_records_and_agent_acknowledges(team, client):
    leader, agent = team
    checklist = make_checklist()
    client.force_login(leader)
    assert "Anna Bianchi" in client.get("/osservazioni/da-osservare/").content.decode()
    observation = observation_start(client, agent, checklist)
    page = client.get(f"/osservazioni/{observation.pk}/").content.decode()
    assert "Criterio di Sicurezza" in page and "critico: almeno 2" in page
    # The date field shows the day in the form a date input reads.
    assert f'value="{observation.observed_on.isoformat()}"' in page

    # A draft keeps what was scored; a level outside the scale is refused.
    data = observation_form(observation, action="save")
    response = client.post(f"/osservazioni/{observation.pk}/", data)
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.is_draft and observation.minutes == 20
    assert observation.group_comments == {
        "Espressione e gestualità": "Sorride e guarda il cliente."
    }
    key = observation.criteria[0]["key"]
    bad = client.post(
        f"/osservazioni/{observation.pk}/",
        observation_form(observation) | {f"c{key}": "9"},
    )
    assert bad.status_code == 200  # the form again, with the choice refused
    assert "form-errors" in bad.content.decode()

    response = client.post(
        f"/osservazioni/{observation.pk}/", observation_form(observation), follow=True
    )
    assert "Osservazione inviata: superata (100%)." in response.content.decode()
    observation.refresh_from_db()
    assert observation.state == Observation.State.SUBMITTED and observation.passed

    # The agent reads it (a task on the home), acknowledges it with a comment.
    client.force_login(agent)
    home = client.get("/la-mia-formazione/").content.decode()
    assert f"/osservazioni/{observation.pk}/" in home
    page = client.get(f"/osservazioni/{observation.pk}/").content.decode()
    assert "Riassumere la richiesta." in page
    response = client.post(
        f"/osservazioni/{observation.pk}/presa-visione/",
        {"comment": "Grazie, ci lavoro."},
        follow=True,
    )
    assert "Hai preso visione dell&#x27;osservazione." in response.content.decode()
    observation.refresh_from_db()
    assert observation.state == Observation.State.ACKNOWLEDGED
    assert observation.agent_comment == "Grazie, ci lavoro."
    mine = client.get("/osservazioni/").content.decode()
    assert "Andamento per parametro" in mine and "<polyline" not in mine


def test_a_critical_miss_is_shown_as_failed(team, client):
    leader, agent = team
    checklist = make_checklist(pass_mark=50)
    client.force_login(leader)
    observation = observation_start(client, agent, checklist)
    data = observation_form(observation)
    safety = next(c for c in observation.criteria if c["group"] == "Sicurezza")
    data[f"c{safety['key']}"] = "1"
    response = client.post(f"/osservazioni/{observation.pk}/", data, follow=True)
    assert "Osservazione inviata: non superata (89%)." in response.content.decode()


def test_others_observations_are_closed(team, client, trainer):
    leader, agent = team
    outsider = make_user("altro@test.it", role=roles.LEARNER)
    checklist = make_checklist()
    submitted = observe(leader, agent, checklist)
    client.force_login(leader)
    draft = observation_start(client, agent, checklist)
    # Another learner: neither the observation nor the draft, nor the to-do list.
    client.force_login(outsider)
    assert client.get(f"/osservazioni/{submitted.pk}/").status_code == 404
    assert client.get(f"/osservazioni/{draft.pk}/").status_code == 404
    assert (
        client.post(f"/osservazioni/{submitted.pk}/presa-visione/").status_code == 404
    )
    assert client.get("/osservazioni/da-osservare/").status_code == 403
    assert client.get("/osservazioni/risultati/").status_code == 403
    response = client.post(
        "/osservazioni/nuova/", {"agent": agent.pk, "checklist": checklist.pk}
    )
    assert response.status_code == 403
    # The agent never sees the draft; a trainer sees the submitted one only.
    client.force_login(agent)
    assert client.get(f"/osservazioni/{draft.pk}/").status_code == 404
    client.force_login(trainer)
    assert client.get(f"/osservazioni/{submitted.pk}/").status_code == 200
    assert client.get(f"/osservazioni/{draft.pk}/").status_code == 404
    # A team leader cannot start an observation of someone outside the team.
    client.force_login(leader)
    response = client.post(
        "/osservazioni/nuova/",
        {"agent": outsider.pk, "checklist": checklist.pk, "context": "call"},
        follow=True,
    )
    assert not Observation.objects.filter(agent=outsider).exists()
    assert "form-errors" not in response.content.decode()
    assert "message--error" in response.content.decode()


def test_results_per_parameter_worst_first(team, client, hr):
    leader, agent = team
    care = Department.objects.create(name="Assistenza", code="assistenza")
    agent.department = care
    agent.save()
    checklist = make_checklist()
    observe(leader, agent, checklist, level=3, **{"Criterio di Distanza": 0})
    client.force_login(hr)
    page = client.get(f"/osservazioni/risultati/?department={care.pk}").content.decode()
    rows = page.split("<tbody>")[1]
    assert rows.index("Distanza") < rows.index("Sicurezza")
    assert "0,0%" in page or "0.0%" in page
    client.force_login(leader)
    assert "Distanza" in client.get("/osservazioni/risultati/").content.decode()


@pytest.mark.parametrize("url", ["/osservazioni/", "/osservazioni/da-osservare/"])
def test_list_pages_in_a_fixed_number_of_queries(
    url, team, client, trainer, course, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.services import enrollment_create
    from tests.observations.builders import require_observation

    leader, agent = team
    require_observation(course)
    checklist = make_checklist()

    def add(n):
        for i in range(n):
            person = make_user(f"p{n}-{i}@test.it", role=roles.LEARNER)
            person.manager = leader
            person.save()
            enrollment_create(user=person, course=course)
            observe(leader, agent, checklist, level=2)
            client.force_login(leader)
            observation_start(client, person, checklist)

    # The agent's list grows with their observations; the leader's to-do list
    # with the people waiting and the drafts.
    viewer = agent if url == "/osservazioni/" else leader

    def count():
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(1)
    few = count()
    # 31: +1 for the courses' titles in the reader's language (to-do list).
    assert few <= 31
    add(5)
    with django_assert_max_num_queries(few):
        client.get(url)


@pytest.mark.parametrize(
    "language, title",
    [
        ("it", "Leggi l&#x27;osservazione del 6 dicembre 2026"),
        ("en", "Read the observation of 6 December 2026"),
    ],
)
def test_the_homes_task_names_the_observations_day_in_words(
    team, client, language, title
):
    """Not "06/12/2026", which an English reader takes for the 12th of June."""
    leader, agent = team
    agent.preferred_language = language
    agent.save(update_fields=["preferred_language"])
    observation = observe(leader, agent, make_checklist())
    Observation.objects.filter(pk=observation.pk).update(
        observed_on=datetime.date(2026, 12, 6)
    )
    client.force_login(agent)

    home = client.get("/la-mia-formazione/").content.decode()

    assert title in home
    assert "06/12/2026" not in home


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_trend_charts_put_each_day_under_its_dot(team, client, language):
    """Italian writes 36,5 for 36.5: in an SVG coordinate that comma made
    two coordinates, so the dots went to the corner and the days' labels
    broke into single digits strewn along the axis."""
    leader, agent = team
    observe_twice(leader, agent)
    user_set_language(user=agent, language=language)
    client.force_login(agent)
    page = client.get("/osservazioni/").content.decode()
    dots = re.findall(r'<circle class="chart__dot" cx="([^"]*)" cy="([^"]*)"', page)
    days = re.findall(
        r'<text class="chart__label" x="([^"]*)"[^>]*>([^<]*)</text>', page
    )
    days = [(x, label) for x, label in days if label not in ("0", "100")]
    assert len(dots) == 12 and len(days) == 12  # six parameters, two days each
    for x, y in dots:
        assert re.fullmatch(r"\d+(\.\d+)?", x) and re.fullmatch(r"\d+(\.\d+)?", y)
    assert [x for x, _ in dots] == [x for x, _ in days]
    # Each day as the language writes it short: 04/12 would be 12 April in
    # English.
    expected = {"it": ["04/12", "07/12"], "en": ["4 Dec", "7 Dec"]}[language]
    assert [label for _, label in days[:2]] == expected
    assert float(dots[0][0]) < float(dots[1][0])
