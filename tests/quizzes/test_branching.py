"""A branching scenario as a quiz question: authored in the bank, copied into
the attempt's snapshot, played one final reply at a time through the quiz page,
graded by its ending, shown in the review."""

from decimal import Decimal

import pytest
from django.utils.html import escape

from content import scenarios
from quizzes import services
from quizzes.admin_forms import BRANCHING_NEEDED
from quizzes.models import Answer, Attempt, Question
from quizzes.selectors import attempt_answer_key
from tests.builders import (
    hand_in_anyway,
    make_question,
    make_quiz,
    question_form,
    scenario,
    start_quiz,
)


def branching_question(text="La cliente senza consegna: che cosa rispondi?"):
    question = Question(text=text, kind="branching")
    question.branching = [("scenario", scenario())]
    question.save()
    return question


@pytest.fixture
def quiz_with_scenario(quiz_course):
    """Two questions: a single choice (position 1, not shuffled) and the
    scenario (position 2)."""
    quiz = make_quiz(
        questions=[
            make_question("Canale?", "single", [("Telefono", True), ("Posta", False)]),
            branching_question(),
        ],
        pass_mark=100,
        review_right_answers=True,
        # One attempt: its review may show the best path (the right answers
        # wait while a retry is possible).
        max_attempts=1,
    )
    return quiz_course(quiz=quiz)


def _scenario_answer(course) -> Answer:
    return Answer.objects.get(attempt__course=course, kind="branching")


@pytest.fixture
def scenario_started(login, learner, quiz_with_scenario):
    """The learner's attempt at the quiz, started: (their client, the course,
    the scenario's answer)."""
    client = login(learner)
    start_quiz(client, quiz_with_scenario)
    return client, quiz_with_scenario, _scenario_answer(quiz_with_scenario)


def _choose(client, course, answer, step_picks, **extra):
    """Reply in the scenario as the page's buttons do: `step_picks` names the
    reply by its text."""
    answer.refresh_from_db()
    walk = scenarios.walk(answer.snapshot["graph"], answer.response or [])
    key = next(c["key"] for c in walk.current["choices"] if c["text"] == step_picks)
    return client.post(
        f"/quiz/{course.pk}/",
        {"shown": ["1", "2"], "scenario": f"2:{key}", "page": "1"},
        **extra,
    )


def test_the_snapshot_keeps_the_graph_with_keys_of_its_own(
    login, learner, quiz_with_scenario
):
    client = login(learner)
    start_quiz(client, quiz_with_scenario)
    page = client.get(f"/quiz/{quiz_with_scenario.pk}/").content.decode()
    answer = _scenario_answer(quiz_with_scenario)
    graph = answer.snapshot["graph"]
    assert [step["key"] for step in graph["steps"]] == ["inizio", "proposta"]
    keys = [c["key"] for step in graph["steps"] for c in step["choices"]]
    assert len(set(keys)) == 4
    # The page shows the opening line and its replies, named by key only:
    # nothing about reactions, coaches or endings.
    assert "Nessuno mi ha chiamato. E adesso?" in page
    assert page.count('name="scenario"') == 2
    assert "Reazione a" not in page and "Commento su" not in page
    assert "da_evitare" not in page and "ottimo" not in page
    # Editing the bank later changes nothing in this attempt.
    question = Question.objects.get(kind="branching")
    edited = scenario()
    edited["steps"][0]["customer"] = "Testo cambiato"
    question.branching = [("scenario", edited)]
    question.save()
    answer.refresh_from_db()
    assert answer.snapshot["graph"]["steps"][0]["customer"] == (
        "Nessuno mi ha chiamato. E adesso?"
    )


@pytest.mark.parametrize(
    ("picks", "credit", "score"),
    [
        (
            [
                "Mi dispiace, rimedio subito.",
                "Scelga lei il giorno; la chiamano prima.",
            ],
            Decimal(1),
            Decimal(100),
        ),
        (
            ["Mi dispiace, rimedio subito.", "Domani, tra le 8 e le 18."],
            Decimal("0.5"),
            Decimal(75),
        ),
        (["Deve chiamare il corriere."], Decimal(0), Decimal(50)),
    ],
)
def test_the_scenario_is_scored_by_its_ending(scenario_started, picks, credit, score):
    client, course, answer = scenario_started
    for text in picks:
        response = _choose(client, course, answer, text)
        assert response.status_code == 302
        assert response["Location"].endswith("#domanda-2")
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "La conversazione è conclusa." in page
    assert f"Reazione a «{picks[-1]}»." in page  # the customer's reaction
    assert "Commento su" not in page  # the coach speaks in the review

    first = Answer.objects.get(attempt__course=course, position=1)
    right = next(o["key"] for o in first.snapshot["options"] if o["correct"])
    client.post(
        f"/quiz/{course.pk}/", {"shown": ["1", "2"], "d1": right, "action": "submit"}
    )
    answer.refresh_from_db()
    assert answer.credit == credit
    assert Attempt.objects.get().score == score


def test_replies_are_final_and_the_form_cannot_rewrite_the_path(
    scenario_started,
):
    client, course, answer = scenario_started
    _choose(client, course, answer, "Deve chiamare il corriere.")
    answer.refresh_from_db()
    path = answer.response
    good = next(
        c["key"]
        for c in answer.snapshot["graph"]["steps"][0]["choices"]
        if c["next"] == "proposta"
    )
    # The other reply of the same step, sent afterwards: refused.
    response = client.post(
        f"/quiz/{course.pk}/",
        {"shown": ["1", "2"], "scenario": f"2:{good}", "page": "1"},
    )
    assert response.status_code == 400
    assert escape(str(services.SCENARIO_NOT_NOW)) in response.content.decode()
    # A crafted field for the scenario's position is ignored by save and submit.
    client.post(f"/quiz/{course.pk}/salva/", {"shown": ["2"], "d2": good})
    client.post(f"/quiz/{course.pk}/", {"d2": [good], "action": "submit"})
    answer.refresh_from_db()
    assert answer.response == path and answer.credit == 0


def test_with_javascript_the_question_comes_back_as_html(
    scenario_started,
):
    client, course, answer = scenario_started
    response = _choose(
        client,
        course,
        answer,
        "Mi dispiace, rimedio subito.",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    html = response.json()["html"]
    assert html.lstrip().startswith('<fieldset class="question question--branching"')
    assert "Quando?" in html and html.count('name="scenario"') == 2


def test_the_review_shows_the_conversation_its_ending_and_the_best_path(
    scenario_started,
):
    client, course, answer = scenario_started
    _choose(client, course, answer, "Deve chiamare il corriere.")
    hand_in_anyway(client, f"/quiz/{course.pk}/", {"shown": ["1", "2"]})
    attempt = Attempt.objects.get()
    html = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "Commento su «Deve chiamare il corriere.»." in html
    assert "Esito: <strong>Da evitare</strong>" in html
    assert (
        "Il percorso migliore:</strong> Mi dispiace, rimedio subito. → "
        "Scelga lei il giorno; la chiamano prima."
    ) in html


def test_the_answer_key_passes_the_scenario(learner, quiz_with_scenario):
    from courses.services import course_quiz_start, course_quiz_submit

    course = quiz_with_scenario
    attempt = course_quiz_start(user=learner, course=course)
    attempt = course_quiz_submit(
        user=learner,
        course=course,
        attempt=attempt,
        responses=attempt_answer_key(attempt=attempt),
    )
    assert attempt.passed and attempt.score == 100


def test_the_bank_refuses_a_scenario_question_without_its_graph(login, trainer):
    response = login(trainer).post(
        "/admin/snippets/quizzes/question/add/",
        question_form("branching", [], text="Scenario senza passi"),
    )
    assert response.status_code == 200
    assert escape(str(BRANCHING_NEEDED)) in response.content.decode()
    assert not Question.objects.exists()
