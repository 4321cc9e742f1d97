"""Attempt integrity through the pages: states, resume, autosave, the rules the
server enforces, and snapshots that never change."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from certificates.models import Certificate
from courses.selectors import course_modules
from quizzes import services
from quizzes.models import Attempt, Question
from tests.builders import (
    attempt_post_data,
    make_quiz,
    make_user,
    right_response,
    start_quiz,
)


@pytest.fixture
def ready(login, learner, course):
    """A learner enrolled with every module done: the quiz is open."""
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    return client


def _first_answered_then(client, course, **button):
    """Answer question 1 right on page 1 and press a page's button (`goto`,
    `action`) as the form posts it without JavaScript: (the attempt, that
    answer, the response)."""
    attempt = Attempt.objects.get()
    first = attempt.answers.get(position=1)
    data = {"page": "1", **button, "shown": "1", **right_response(first)}
    return attempt, first, client.post(f"/quiz/{course.pk}/", data)


def test_quiz_stays_locked_until_every_module_is_done(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    first = course_modules(course=course)[0]
    client.post(f"/moduli/{first.pk}/completa/")

    response = client.get(f"/quiz/{course.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Il quiz si apre quando hai completato tutti i moduli" in (
        response.content.decode()
    )
    # Posting straight to the URL does not get around the lock.
    client.post(f"/quiz/{course.pk}/", {"d1": "x", "action": "submit"})
    assert not Attempt.objects.exists()


def test_opening_the_quiz_page_never_starts_an_attempt(ready, course):
    """A link preview or a prefetch of the page must not start the timer: the
    GET writes nothing at all, only the button's POST starts the attempt."""
    with CaptureQueriesContext(connection) as queries:
        page = ready.get(f"/quiz/{course.pk}/").content.decode()
    assert "Inizia il quiz" in page
    assert "almeno l'80\u00a0% di risposte corrette" in page
    assert not Attempt.objects.exists()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_reopening_the_quiz_resumes_the_one_open_attempt(ready, course):
    start_quiz(ready, course)
    start_quiz(ready, course)
    page = ready.get(f"/quiz/{course.pk}/").content.decode()
    assert "Consegna il quiz" in page
    attempt = Attempt.objects.get()
    assert attempt.state == Attempt.State.STARTED
    assert attempt.answers.count() == 5
    assert [e.action for e in log_registry.get_logs_for_instance(attempt)] == [
        "lms.attempt.start"
    ]


def test_autosave_keeps_answers_and_the_page_shows_them_again(
    ready, course, open_attempt
):
    start_quiz(ready, course)
    attempt = Attempt.objects.get()
    first = attempt.answers.get(position=1)
    data = {"shown": ["1"], **right_response(first)}
    response = ready.post(f"/quiz/tentativi/{attempt.pk}/salva/", data)
    assert response.status_code == 200 and response.json()["saved"]
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    first.refresh_from_db()
    [key] = first.response
    page = ready.get(f"/quiz/{course.pk}/").content.decode()
    assert f'value="{key}" id="d1-' in page
    assert "checked" in page.split(f'value="{key}"')[1].split(">")[0]

    # Unticking everything (the question listed as shown, no value) clears it.
    ready.post(f"/quiz/tentativi/{attempt.pk}/salva/", {"shown": ["1"]})
    first.refresh_from_db()
    assert first.response is None


def test_a_long_quiz_goes_in_pages_and_the_navigator_never_hands_it_in(
    quiz_course, login, learner, settings
):
    settings.LMS_QUIZ_QUESTIONS_PER_PAGE = 4
    questions = [
        (f"Domanda {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
        for n in range(1, 11)
    ]
    course = quiz_course(questions=questions)
    client = login(learner)
    start_quiz(client, course)
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert page.count("<fieldset") == 4 and "Pagina 1 di 3" in page
    assert page.count('name="goto"') == 10
    assert "Risposte date: 0 su 10" in page
    assert 'value="submit"' not in page
    # Without JavaScript a navigator button posts the form: the page's answers
    # are saved and the page named opens; the attempt stays open.
    attempt, _, response = _first_answered_then(client, course, goto="3")
    assert response.status_code == 302 and response["Location"].endswith("?domanda=3")
    attempt.refresh_from_db()
    assert attempt.state in Attempt.OPEN_STATES
    last = client.get(response["Location"]).content.decode()
    assert last.count("<fieldset") == 2 and "Pagina 3 di 3" in last
    assert "Risposte date: 1 su 10" in last and 'value="submit"' in last
    # A page that does not exist is the nearest one, never an error.
    for bad in ("0", "99", "x"):
        response = client.post(f"/quiz/{course.pk}/", {"page": "1", "goto": bad})
        assert response.status_code == 302, bad
    assert client.get(f"/quiz/{course.pk}/?domanda=abc").status_code == 200


def test_one_question_per_page_saves_without_javascript(quiz_course, login, learner):
    course = quiz_course(layout="one")
    client = login(learner)
    start_quiz(client, course)
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert page.count("<fieldset") == 1 and "Domanda 1 di 5" in page
    attempt, first, response = _first_answered_then(client, course, action="next")
    assert response.status_code == 302 and response["Location"].endswith("?domanda=2")
    first.refresh_from_db()
    assert first.response
    page = client.get(response["Location"]).content.decode()
    assert "Domanda 2 di 5" in page and "Domanda precedente" in page
    # The last page submits.
    client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 100


@pytest.mark.parametrize(
    "data",
    [
        {"d99": "abc"},  # a question the attempt did not show
        {"shown": "42"},
        {"shown": "uno"},
        {"d1": "not-a-key"},  # an option that is not the question's
        {"d1": ["x", "y"]},
    ],
)
def test_answers_outside_the_attempt_are_refused_without_a_500(ready, course, data):
    start_quiz(ready, course)
    attempt = Attempt.objects.get()
    for url in (f"/quiz/tentativi/{attempt.pk}/salva/", f"/quiz/{course.pk}/"):
        response = ready.post(url, {**data, "action": "submit"})
        assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not any(a.response for a in attempt.answers.all())
    page = ready.post(f"/quiz/{course.pk}/", {**data, "action": "submit"})
    body = page.content.decode()
    assert "non fa parte di questo tentativo" in body or (
        "non appartiene alla sua domanda" in body
    )


def test_an_option_of_another_question_is_refused(ready, course):
    start_quiz(ready, course)
    attempt = Attempt.objects.get()
    second = attempt.answers.get(position=2)
    data = {"d1": right_response(second)["d2"], "action": "submit"}
    response = ready.post(f"/quiz/{course.pk}/", data)
    assert response.status_code == 400
    assert "non appartiene alla sua domanda" in response.content.decode()


def test_after_the_time_limit_answers_are_refused_and_saved_ones_graded(
    quiz_course, login, learner
):
    course = quiz_course(time_limit_minutes=10)
    client = login(learner)
    intro = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "Hai 10 minuti dal momento in cui inizi." in intro
    start_quiz(client, course)
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "Tempo a disposizione fino alle" in page and "data-deadline" in page
    attempt = Attempt.objects.get()
    answers = list(attempt.answers.order_by("position"))
    save_url = f"/quiz/tentativi/{attempt.pk}/salva/"
    client.post(save_url, right_response(answers[0]))

    # Within the grace period a late submit still counts ...
    attempt.deadline = timezone.now() - timedelta(seconds=10)
    attempt.save()
    client.post(save_url, right_response(answers[1]))
    # ... after it, nothing more is accepted.
    attempt.deadline = timezone.now() - timedelta(minutes=5)
    attempt.save()
    response = client.post(save_url, right_response(answers[2]))
    assert response.status_code == 409
    assert "Il tempo a disposizione è scaduto" in response.json()["error"]

    response = client.post(
        f"/quiz/{course.pk}/", attempt_post_data(attempt), follow=True
    )
    attempt.refresh_from_db()
    assert attempt.expired and attempt.is_graded
    assert attempt.score == 40  # the two answers saved in time
    assert "il tentativo è stato valutato con le risposte salvate" in (
        response.content.decode()
    )


def test_an_expired_attempt_reopened_says_so_and_is_graded_when_handed_in(
    quiz_course, login, learner
):
    course = quiz_course(time_limit_minutes=1)
    client = login(learner)
    start_quiz(client, course)
    Attempt.objects.update(deadline=timezone.now() - timedelta(hours=1))
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "consegna il quiz per vederne il risultato" in page
    attempt = Attempt.objects.get()
    assert attempt.is_open  # a GET writes nothing
    response = client.post(f"/quiz/{course.pk}/", {"action": "submit"})
    attempt.refresh_from_db()
    assert attempt.is_graded and attempt.expired and attempt.score == 0
    assert response["Location"] == f"/quiz/tentativi/{attempt.pk}/"


def test_no_attempt_beyond_the_maximum(quiz_course, login, learner):
    course = quiz_course(max_attempts=2)
    client = login(learner)
    for _ in range(2):
        start_quiz(client, course)
        attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
        response = client.post(
            f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=5), follow=True
        )
    body = response.content.decode()
    assert "Non restano altri tentativi." in body and "Riprova il quiz" not in body
    intro = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "Non restano altri tentativi." in intro and "Inizia il quiz" not in intro
    response = start_quiz(client, course, follow=True)
    assert "Hai esaurito i tentativi disponibili" in response.content.decode()
    assert Attempt.objects.count() == 2


def test_no_attempt_inside_the_waiting_time(quiz_course, login, learner):
    course = quiz_course(wait_minutes=60, max_attempts=3)
    client = login(learner)
    start_quiz(client, course)
    attempt = Attempt.objects.get()
    response = client.post(
        f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=5), follow=True
    )
    body = response.content.decode()
    assert "Ti restano 2 tentativi." in body
    assert "Il prossimo tentativo si apre il" in body
    response = start_quiz(client, course, follow=True)
    assert "Puoi iniziare un nuovo tentativo dal" in response.content.decode()
    assert Attempt.objects.count() == 1
    # Once the wait is over, a new attempt starts.
    Attempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=61))
    start_quiz(client, course)
    assert Attempt.objects.count() == 2


def test_a_second_submit_does_not_grade_again(ready, course):
    start_quiz(ready, course)
    attempt = Attempt.objects.get()
    data = attempt_post_data(attempt)
    ready.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=5))
    # The same attempt submitted again (a double click, a second tab).
    again = services.attempt_submit(attempt=attempt, responses={})
    assert again.pk == attempt.pk and again.score == 0
    assert ready.post(f"/quiz/{course.pk}/", data).status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert [e.action for e in log_registry.get_logs_for_instance(attempt)] == [
        "lms.attempt.fail",
        "lms.attempt.start",
    ]


def test_every_attempt_and_answer_is_stored_and_audited(ready, course):
    from tests.builders import take_quiz

    take_quiz(ready, course, wrong=5)
    take_quiz(ready, course)
    failed, passed = Attempt.objects.order_by("started_at")
    assert failed.answers.count() == passed.answers.count() == 5
    assert not any(a.is_correct for a in failed.answers.all())
    assert "lms.attempt.pass" in [
        e.action for e in log_registry.get_logs_for_instance(passed)
    ]


def test_no_new_attempt_once_passed(ready, course):
    from tests.builders import take_quiz

    take_quiz(ready, course)
    response = ready.get(f"/quiz/{course.pk}/", follow=True)
    assert "Hai già superato questo corso" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_result_page_belongs_to_its_learner(ready, course):
    from tests.builders import take_quiz

    take_quiz(ready, course, wrong=1)
    attempt = Attempt.objects.get()
    assert ready.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 200
    ready.force_login(make_user("altro@test.it"))
    assert ready.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 404
    save_url = f"/quiz/tentativi/{attempt.pk}/salva/"
    assert ready.post(save_url, {"d1": "x"}).status_code == 409


def test_garbage_urls_are_404(ready):
    assert ready.get("/quiz/abc/").status_code == 404
    assert ready.get("/quiz/999999/").status_code == 404
    assert ready.get("/quiz/tentativi/999999/").status_code == 404


def test_editing_or_deleting_questions_never_changes_a_past_attempt(
    ready, course, learner
):
    from tests.builders import take_quiz

    take_quiz(ready, course)
    attempt = Attempt.objects.get()
    certificate = Certificate.objects.get()
    before = ready.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    first = course.quiz.items.order_by("sort_order", "pk").first().question
    original = first.text
    first.text = "Testo riscritto dal formatore?"
    first.save()
    for option in first.options.all():
        option.is_correct = not option.is_correct
        option.text = "cambiata"
        option.save()
    # A question taken out of the quiz and deleted from the bank.
    last = course.quiz.items.order_by("sort_order", "pk").last()
    question = last.question
    last.delete()
    Question.objects.filter(pk=question.pk).delete()

    after = ready.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    attempt.refresh_from_db()
    certificate.refresh_from_db()
    assert original in after and "Testo riscritto" not in after
    assert after.count("review__item") == before.count("review__item") == 5
    assert attempt.score == 100 and attempt.answers.count() == 5
    assert certificate.score == 100 and certificate.status == "valid"


def test_random_draws_per_topic_without_repeats(quiz_course, login, learner):
    from quizzes.models import QuizDraw, QuizItem, Topic
    from tests.builders import make_question

    calls = Topic.objects.create(name="Chiamate")
    mail = Topic.objects.create(name="E-mail")
    fixed = make_question("Fissa", "single", [("A", True), ("B", False)], topic=calls)
    for n in range(6):
        make_question(
            f"Chiamata {n}", "single", [("A", True), ("B", False)], topic=calls
        )
        make_question(f"Mail {n}", "single", [("A", True), ("B", False)], topic=mail)
    quiz = make_quiz(questions=[fixed])
    QuizDraw.objects.create(quiz=quiz, topic=calls, count=3, sort_order=0)
    QuizDraw.objects.create(quiz=quiz, topic=mail, count=2, sort_order=1)
    assert QuizItem.objects.filter(quiz=quiz).count() == 1
    course = quiz_course(quiz=quiz)
    start_quiz(login(learner), course)
    answers = list(Attempt.objects.get().answers.select_related("question__topic"))
    texts = [a.question_text for a in answers]
    assert len(texts) == len(set(texts)) == 6
    assert texts[0] == "Fissa"
    assert [a.question.topic.name for a in answers] == ["Chiamate"] * 4 + ["E-mail"] * 2


def test_a_retry_draws_other_questions_of_the_topic_first(quiz_course, login, learner):
    from quizzes.models import QuizDraw, Topic
    from tests.builders import make_question

    calls = Topic.objects.create(name="Chiamate")
    for n in range(4):
        make_question(
            f"Chiamata {n}", "single", [("A", True), ("B", False)], topic=calls
        )
    quiz = make_quiz(questions=[], pass_mark=100)
    QuizDraw.objects.create(quiz=quiz, topic=calls, count=2, sort_order=0)
    course = quiz_course(quiz=quiz)
    client = login(learner)

    def attempt_texts():
        start_quiz(client, course)
        attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
        texts = {a.question_text for a in attempt.answers.all()}
        client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=2))
        return texts

    first, second, third = attempt_texts(), attempt_texts(), attempt_texts()
    assert len(first) == len(second) == 2
    # The retry is a new test: the topic's two other questions ...
    assert not first & second
    # ... and then the first ones again, the bank being used up.
    assert third == first


def test_shuffled_order_is_fixed_for_the_attempt_and_steps_never_in_order(
    quiz_course, login, learner
):
    from .conftest import every_type_questions

    quiz = make_quiz(
        questions=every_type_questions(), shuffle_questions=True, shuffle_options=True
    )
    course = quiz_course(quiz=quiz)
    client = login(learner)
    start_quiz(client, course)

    def order(html):
        return re.findall(r'type="(?:radio|checkbox)" name="d\d+" value="(\w+)"', html)

    first = client.get(f"/quiz/{course.pk}/").content.decode()
    assert order(first) == order(client.get(f"/quiz/{course.pk}/").content.decode())
    attempt = Attempt.objects.get()
    shown = [
        o["key"]
        for a in attempt.answers.order_by("position")
        if a.kind in ("single", "multiple", "true_false", "scenario")
        for o in a.options
    ]
    assert order(first) == shown
    steps = attempt.answers.get(kind="ordering").options
    assert [o["rank"] for o in steps] != sorted(o["rank"] for o in steps)


def test_a_quiz_without_questions_says_so(quiz_course, login, learner):
    quiz = make_quiz(questions=[])
    course = quiz_course(quiz=quiz)
    response = start_quiz(login(learner), course, follow=True)
    assert "Questo quiz non ha domande." in response.content.decode()
    assert not Attempt.objects.exists()
