"""The question form's checks for ordering and matching, as the editor posts
them: Wagtail's inline rows with their ORDER, which is the right order saved."""

import pytest
from django.utils.html import escape

from quizzes.admin_forms import MATCHES, PAIRS_DISTINCT, STEPS_DISTINCT
from quizzes.models import Question
from tests.builders import question_form

ADD = "/admin/snippets/quizzes/question/add/"


def _post(client, kind, rows):
    """rows: [(text, match, ORDER), ...] in the order of the page's forms."""
    data = question_form(
        kind, [(text, False, match, order) for text, match, order in rows]
    )
    return client.post(ADD, data)


def test_the_order_a_trainer_gives_the_steps_is_the_right_order(login, trainer):
    # Typed "B, C, A", then dragged A to the top: Wagtail renumbers ORDER.
    response = _post(
        login(trainer),
        "ordering",
        [("Ascolta", "", 2), ("Risolvi", "", 3), ("Saluta", "", 1)],
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert [o.text for o in question.options.all()] == ["Saluta", "Ascolta", "Risolvi"]


@pytest.mark.parametrize(
    "kind, rows, message",
    [
        ("ordering", [("Saluta", "", 1), (" saluta ", "", 2)], STEPS_DISTINCT),
        (
            "matching",
            [("Pacco", "Logistica", 1), ("pacco", "Amministrazione", 2)],
            PAIRS_DISTINCT,
        ),
        (
            "matching",
            [("Pacco", "Logistica", 1), ("Addebito", "logistica", 2)],
            PAIRS_DISTINCT,
        ),
        ("matching", [("Pacco", "Logistica", 1), ("Addebito", "", 2)], MATCHES),
    ],
)
def test_steps_and_pairs_a_learner_could_not_tell_apart_are_refused(
    login, trainer, kind, rows, message
):
    response = _post(login(trainer), kind, rows)
    assert response.status_code == 200
    assert escape(str(message)) in response.content.decode()
    assert not Question.objects.exists()
