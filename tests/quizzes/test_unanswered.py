"""Handing in with questions left blank: the server asks first and grades
nothing until the learner confirms; the clock is never held up by the question.
Through the quiz pages, posting the forms as a browser without JavaScript does."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from quizzes.models import Attempt
from quizzes.selectors import attempt_rules
from tests.builders import right_response, start_quiz

TEN_QUESTIONS = [
    (f"Domanda numero {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
    for n in range(1, 11)
]


@pytest.fixture
def paged(settings):
    """Ten questions, four a page: pages 1–4, 5–8, 9–10."""
    settings.LMS_QUIZ_QUESTIONS_PER_PAGE = 4


def _page_data(attempt, page: int, positions, skip=()) -> dict:
    """What a page's form posts: the questions it shows (`shown`) and the
    answers given, right, to all but `skip`."""
    data = {"page": str(page), "shown": [str(p) for p in positions]}
    for answer in attempt.answers.filter(position__in=positions):
        if answer.position not in skip:
            data.update(right_response(answer))
    return data


def _graded_logs(attempt):
    return [
        entry
        for entry in log_registry.get_logs_for_instance(attempt)
        if entry.action in ("lms.attempt.pass", "lms.attempt.fail")
    ]


def _attempts_left(learner, course):
    return attempt_rules(user=learner, quiz=course.quiz, course=course).attempts_left


def _leave_question_6_blank(client, course):
    """Answer pages 1 and 2 but question 6, go to page 3 with the navigator,
    answer it and press "Consegna il quiz": the server's answer."""
    url = f"/quiz/{course.pk}/"
    attempt = Attempt.objects.get()
    client.post(url, {**_page_data(attempt, 1, range(1, 5)), "goto": "2"})
    client.post(url, {**_page_data(attempt, 2, range(5, 9), skip={6}), "goto": "3"})
    return client.post(url, {**_page_data(attempt, 3, [9, 10]), "action": "submit"})


def test_a_blank_question_is_named_and_nothing_is_graded(
    quiz_course, login, learner, paged
):
    course = quiz_course(questions=TEN_QUESTIONS, max_attempts=3)
    client = login(learner)
    start_quiz(client, course)
    response = _leave_question_6_blank(client, course)

    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/quiz/{course.pk}/?domanda=3&conferma=1"
    # Not graded, no attempt used; what page 3 carried is saved.
    assert attempt.state == Attempt.State.IN_PROGRESS and attempt.score is None
    assert _graded_logs(attempt) == []
    assert _attempts_left(learner, course) == 3
    saved = {a.position for a in attempt.answers.all() if a.is_answered}
    assert saved == set(range(1, 11)) - {6}

    page = client.get(response["Location"]).content.decode()
    assert "Hai lasciato 1 domanda senza risposta:" in page
    assert f'href="/quiz/{course.pk}/?domanda=2#domanda-6">Domanda 6</a>' in page
    assert "Domanda 5</a>" not in page
    assert "Consegna comunque" in page and "Torna a rispondere" in page
    # The page shows the answers given on it.
    for answer in attempt.answers.filter(position__in=[9, 10]):
        [key] = answer.response
        assert "checked" in page.split(f'value="{key}"')[1].split(">")[0]

    # "Torna a rispondere" goes to the page of the blank question, still open.
    back = client.post(
        f"/quiz/{course.pk}/", {**_page_data(attempt, 3, [9, 10]), "goto": "2"}
    )
    assert back["Location"] == f"/quiz/{course.pk}/?domanda=2"
    second = client.get(back["Location"]).content.decode()
    assert 'id="domanda-6"' in second and "Consegna comunque" not in second
    attempt.refresh_from_db()
    assert attempt.is_open and _attempts_left(learner, course) == 3


def test_consegna_comunque_grades_the_attempt(quiz_course, login, learner, paged):
    course = quiz_course(questions=TEN_QUESTIONS, max_attempts=3, pass_mark=80)
    client = login(learner)
    start_quiz(client, course)
    asked = _leave_question_6_blank(client, course)
    client.get(asked["Location"])
    attempt = Attempt.objects.get()

    # The button of the page that asks, with the page's form.
    response = client.post(
        f"/quiz/{course.pk}/",
        {**_page_data(attempt, 3, [9, 10]), "conferma": "senza-risposta"},
        follow=True,
    )
    attempt.refresh_from_db()
    assert attempt.is_graded and attempt.passed and attempt.score == 90
    assert response.redirect_chain[-1][0] == f"/quiz/tentativi/{attempt.pk}/"
    assert "Quiz superato" in response.content.decode()
    [graded] = _graded_logs(attempt)
    assert graded.data["unanswered"] == 1 and graded.data["questions"] == 10
    assert _attempts_left(learner, course) == 2


def test_answering_the_blank_question_then_handing_in_grades_at_once(
    quiz_course, login, learner, paged
):
    course = quiz_course(questions=TEN_QUESTIONS, max_attempts=3)
    client = login(learner)
    start_quiz(client, course)
    _leave_question_6_blank(client, course)
    attempt = Attempt.objects.get()
    url = f"/quiz/{course.pk}/"
    client.post(url, {**_page_data(attempt, 3, [9, 10]), "goto": "2"})
    client.post(url, {**_page_data(attempt, 2, range(5, 9)), "goto": "3"})
    response = client.post(url, {**_page_data(attempt, 3, [9, 10]), "action": "submit"})
    attempt.refresh_from_db()
    assert response["Location"] == f"/quiz/tentativi/{attempt.pk}/"
    assert attempt.is_graded and attempt.score == 100
    assert _graded_logs(attempt)[0].data["unanswered"] == 0


@pytest.mark.parametrize(
    ("past_deadline", "score", "expired"),
    # Within the grace period the answers sent still count (nine of ten);
    # after it, only what was saved in time (questions 1–5, 7 and 8).
    [(timedelta(seconds=10), 90, False), (timedelta(minutes=5), 70, True)],
)
def test_at_the_time_limit_blank_questions_do_not_hold_up_grading(
    quiz_course, login, learner, paged, past_deadline, score, expired
):
    course = quiz_course(questions=TEN_QUESTIONS, time_limit_minutes=10)
    client = login(learner)
    start_quiz(client, course)
    attempt = Attempt.objects.get()
    url = f"/quiz/{course.pk}/"
    client.post(url, {**_page_data(attempt, 1, range(1, 5)), "goto": "2"})
    client.post(url, {**_page_data(attempt, 2, range(5, 9), skip={6}), "goto": "3"})
    # Before the limit a hand-in with blanks is asked about ...
    blank = {**_page_data(attempt, 3, [9, 10], skip={9, 10}), "action": "submit"}
    asked = client.post(url, blank)
    assert asked["Location"] == f"{url}?domanda=3&conferma=1"
    assert "Hai lasciato 3 domande senza risposta:" in (
        client.get(asked["Location"]).content.decode()
    )

    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - past_deadline
    )
    # ... once the time is over the page asks nothing, and the hand-in (the
    # timer's own click, or the learner's) is graded as it comes.
    assert "Consegna comunque" not in client.get(asked["Location"]).content.decode()
    response = client.post(url, {**_page_data(attempt, 3, [9, 10]), "action": "submit"})
    attempt.refresh_from_db()
    assert response["Location"] == f"/quiz/tentativi/{attempt.pk}/"
    assert attempt.is_graded and attempt.score == score
    assert attempt.expired is expired
    assert _graded_logs(attempt)[0].data["unanswered"] == 10 - score // 10
