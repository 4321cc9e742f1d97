"""Grading, the quiz page and the result page cost the same number of queries
whatever the number of questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from tests.builders import attempt_post_data, make_quiz

from .conftest import every_type_questions


def _responses(attempt):
    responses = {}
    for name, value in attempt_post_data(attempt).items():
        if name == "action":
            continue
        position, _, key = name[1:].partition("-")
        if key:
            responses.setdefault(int(position), {})[key] = value
        else:
            responses[int(position)] = value
    return responses


@pytest.mark.parametrize("size", [7, 21])
def test_grading_and_storing_has_a_fixed_query_count(
    quiz_course, learner, size, django_assert_max_num_queries
):
    questions = [q for _ in range(size // 7) for q in every_type_questions()]
    quiz = make_quiz(questions=questions)
    course = quiz_course(quiz=quiz)
    attempt = attempt_start(user=learner, quiz=quiz, course=course)
    with django_assert_max_num_queries(13):
        graded = attempt_submit(attempt=attempt, responses=_responses(attempt))
    assert graded.score == 100 and graded.answers.count() == size


def test_quiz_and_result_pages_do_not_grow_with_questions(quiz_course, login, learner):
    counts = []
    for size in (3, 12):
        quiz = make_quiz(
            questions=[
                (f"Domanda {size}-{n}?", "single", [("Sì", True), ("No", False)])
                for n in range(size)
            ],
            max_attempts=0,
        )
        course = quiz_course(quiz=quiz)
        client = login(learner)
        client.post(f"/quiz/{course.pk}/", {"action": "start"})
        client.get(f"/quiz/{course.pk}/")  # Wagtail's site paths, cached once
        with CaptureQueriesContext(connection) as page:
            client.get(f"/quiz/{course.pk}/")
        attempt = Attempt.objects.get(course=course)
        client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=size))
        with CaptureQueriesContext(connection) as result:
            client.get(f"/quiz/tentativi/{attempt.pk}/")
        counts.append((len(page), len(result)))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("size", [3, 12])
def test_a_course_quiz_page_reads_the_open_attempt_once(
    quiz_course, login, learner, size
):
    """The course's gate is asked only when no attempt is open (the intro);
    the attempt's page reads the open attempt once."""
    quiz = make_quiz(
        questions=[
            (f"Domanda {n}?", "single", [("Sì", True), ("No", False)])
            for n in range(size)
        ]
    )
    course = quiz_course(quiz=quiz)
    client = login(learner)
    client.post(f"/quiz/{course.pk}/", {"action": "start"})
    client.get(f"/quiz/{course.pk}/")  # Wagtail's site paths, cached once
    with CaptureQueriesContext(connection) as page:
        response = client.get(f"/quiz/{course.pk}/")
    assert "Domanda 0?" in response.content.decode()
    attempts = [q for q in page if 'FROM "quizzes_attempt"' in q["sql"]]
    assert len(attempts) == 1
    assert len(page) <= 14, len(page)
