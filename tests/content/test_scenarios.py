"""Scenario graphs as trainers author them: the checks the editor runs (every
step reachable, every path ends, no cycles, a good ending somewhere) and where
it shows each message; the live preview."""

import json
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content import scenarios
from courses.models import ModulePage
from tests.builders import make_module, scenario

BLOCK = ModulePage._meta.get_field("body").stream_block.child_blocks["scenario"]


def _errors(value) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        BLOCK.clean(BLOCK.to_python(value))
    return caught.value


def _step_errors(error, step):
    return error.block_errors["steps"].block_errors[step].block_errors


def _choice_errors(error, step, choice):
    choices = _step_errors(error, step)["choices"].block_errors
    return choices[choice].block_errors


def _messages(errors) -> list[str]:
    return [str(message) for message in errors]


def test_a_well_formed_scenario_is_accepted():
    value = BLOCK.clean(BLOCK.to_python(scenario()))
    graph = scenarios.graph_from_value(value)
    assert scenarios.graph_errors(graph) == []
    assert scenarios.best_path(graph) == [1, 0]


def test_a_reply_must_lead_somewhere_but_not_two_places():
    value = scenario()
    value["steps"][1]["choices"][1]["ending"] = ""
    error = _errors(value)
    assert _messages(error.non_block_errors) == []
    message = _choice_errors(error, 1, 1)["next_step"].message
    assert message == scenarios.NEXT_OR_ENDING

    value = scenario()
    value["steps"][0]["choices"][0]["next_step"] = "proposta"
    error = _errors(value)
    assert _choice_errors(error, 0, 0)["next_step"].message == scenarios.NOT_BOTH


def test_a_reply_cannot_lead_to_a_step_that_does_not_exist():
    value = scenario()
    value["steps"][0]["choices"][1]["next_step"] = "propsta"
    error = _errors(value)
    assert _choice_errors(error, 0, 1)["next_step"].message == str(
        scenarios.UNKNOWN_STEP
    ).format(key="propsta")


def test_step_codes_are_unique_and_present():
    value = scenario()
    value["steps"][1]["key"] = "inizio"
    error = _errors(value)
    assert _step_errors(error, 1)["key"].message == str(scenarios.DUPLICATE_KEY).format(
        key="inizio"
    )


def test_every_step_must_be_reachable_from_the_first():
    value = scenario()
    value["steps"].append(
        {
            "key": "dimenticato",
            "customer": "Nessuno arriva qui.",
            "audio": None,
            "choices": [
                {"text": "A", "reaction": "Bene.", "coach": "Sì.", "ending": "ottimo"},
                {"text": "B", "reaction": "Male.", "coach": "No.", "ending": "ottimo"},
            ],
        }
    )
    error = _errors(value)
    assert _step_errors(error, 2)["key"].message == str(scenarios.UNREACHABLE).format(
        key="dimenticato"
    )


def test_a_cycle_is_refused_because_its_path_never_ends():
    value = scenario()
    value["steps"][1]["choices"][1] = {
        "text": "Ricominciamo da capo.",
        "reaction": "Di nuovo?",
        "coach": "Un giro a vuoto.",
        "next_step": "inizio",
        "ending": "",
    }
    error = _errors(value)
    assert _messages(error.non_block_errors) == [
        str(scenarios.CYCLE).format(path="inizio → proposta → inizio")
    ]


def test_some_path_must_end_well():
    value = scenario()
    value["steps"][1]["choices"][0]["ending"] = "accettabile"
    error = _errors(value)
    assert _messages(error.non_block_errors) == [str(scenarios.NO_GOOD_ENDING)]


def test_a_step_has_two_to_four_replies():
    value = scenario()
    value["steps"][1]["choices"] = value["steps"][1]["choices"][:1]
    with pytest.raises(ValidationError):
        BLOCK.clean(BLOCK.to_python(value))


def test_the_editor_refuses_a_broken_scenario_and_says_where(login, lead, course):
    """The module editor posts the scenario like any other block; a reply that
    leads to a missing step comes back with the message beside it."""
    module = make_module(course, title="Scenario")
    broken = scenario()
    broken["steps"][0]["choices"][1]["next_step"] = "nessuno"

    def listed(items):
        return {
            "count": len(items),
            **{
                str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
                for i, item in enumerate(items)
            },
        }

    value = {
        **broken,
        "steps": listed(
            [
                {**step, "audio": "", "choices": listed(step["choices"])}
                for step in broken["steps"]
            ]
        ),
    }
    data = nested_form_data(
        {
            "title": module.title,
            "slug": module.slug,
            "intro": "",
            "estimated_minutes": "15",
            "body": streamfield(
                [("paragraph", rich_text("<p>Testo.</p>")), ("scenario", value)]
            ),
            "action-publish": "publish",
        }
    )
    response = login(lead).post(f"/admin/pages/{module.pk}/edit/", data)
    assert response.status_code == 200  # the form again, not a redirect
    html = unescape(response.content.decode())
    assert "La pagina non può essere salvata" in html
    # The editor's script puts the message beside the reply's "next step" field.
    placed = (
        '{"blockErrors": {"next_step": {"messages": ["'
        + json.dumps(str(scenarios.UNKNOWN_STEP).format(key="nessuno"))[1:-1]
        + '"]}}}'
    )
    assert placed in html
    module.refresh_from_db()
    assert [block.block_type for block in module.body] == ["paragraph"]


def test_the_editor_shows_a_live_preview_of_the_scenario(login, trainer):
    response = login(trainer).get(
        "/admin/block-preview/", {"id": BLOCK.definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert BLOCK.meta.description and BLOCK.meta.icon
    assert "Il costo che nessuno aveva spiegato" in html
    # The storyboard: every reply, its reaction, the coach and the ending.
    assert "È scritto nel contratto che ha firmato." in html
    assert "Vero, ma il cliente si sente accusato." in html
    assert "Esito" in html and "Da evitare" in html
