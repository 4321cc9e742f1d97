import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.log_actions import registry as log_registry

from courses.selectors import course_modules
from quizzes.models import Attempt, QuestionOption
from quizzes.services import UNKNOWN_OPTION, UNKNOWN_QUESTION, attempt_submit
from tests.builders import make_course, make_quiz, make_user, quiz_post_data


@pytest.fixture
def ready(login, learner, course):
    """A learner enrolled with every module done: the quiz is open."""
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    return client


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
    # Posting answers straight to the URL does not get around the lock.
    client.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz))
    assert not Attempt.objects.exists()


def test_quiz_page_does_not_reveal_correct_answers(ready, course):
    def rendered():
        html = ready.get(f"/quiz/{course.pk}/").content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    rendered()  # consumes the enrolment message left from the fixture
    before = rendered()
    # Flip every option: if the page carried correctness anywhere, it would change.
    for option in QuestionOption.objects.filter(question__quiz_items__quiz=course.quiz):
        option.is_correct = not option.is_correct
        option.save()
    assert rendered() == before
    assert "is_correct" not in before and "correct" not in before.lower()


def test_unanswered_questions_are_reported_and_nothing_is_stored(ready, course):
    data = quiz_post_data(course.quiz)
    data.pop(next(iter(data)))
    response = ready.post(f"/quiz/{course.pk}/", data)
    assert response.status_code == 400
    assert "Scegli una risposta." in response.content.decode()
    assert not Attempt.objects.exists()


def test_an_option_of_another_question_is_refused(ready, course):
    data = quiz_post_data(course.quiz)
    names = list(data)
    data[names[0]] = data[names[1]]  # the right option, but of question 2
    response = ready.post(f"/quiz/{course.pk}/", data)
    assert response.status_code == 400
    assert "non è tra quelle disponibili" in response.content.decode()
    assert not Attempt.objects.exists()


def test_garbage_input_gets_a_message_not_a_500(ready, course):
    data = {name: ["abc", "<script>"] for name in quiz_post_data(course.quiz)}
    response = ready.post(f"/quiz/{course.pk}/", data)
    assert response.status_code == 400
    assert ready.get("/quiz/abc/").status_code == 404
    assert ready.get("/quiz/999999/").status_code == 404


def test_single_and_multiple_choice_grading(login, learner, catalogue):
    quiz = make_quiz(
        pass_mark=50,
        questions=[
            (
                "Canali?",
                "multiple",
                [("Telefono", True), ("Scritto", True), ("Fax", False)],
            ),
            ("Standard?", "single", [("Norme", True), ("Umore", False)]),
        ],
    )
    course = make_course(catalogue, title="Voti", modules=0, quiz=quiz)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    multiple, single = [item.question for item in quiz.items.all()]
    options = {o.text: str(o.pk) for o in QuestionOption.objects.all()}

    # Only one of the two right options: the multiple-choice question is wrong.
    client.post(
        f"/quiz/{course.pk}/",
        {
            f"question_{multiple.pk}": [options["Telefono"]],
            f"question_{single.pk}": options["Umore"],
        },
    )
    # Both right options plus a wrong one: still wrong; the single one is right.
    client.post(
        f"/quiz/{course.pk}/",
        {
            f"question_{multiple.pk}": [
                options["Telefono"],
                options["Scritto"],
                options["Fax"],
            ],
            f"question_{single.pk}": options["Norme"],
        },
    )
    first, second = Attempt.objects.order_by("started_at")
    assert (first.score, first.passed) == (0, False)
    assert (second.score, second.passed) == (50, True)
    assert [a.is_correct for a in second.answers.all()] == [False, True]


def test_every_attempt_and_answer_is_stored_and_audited(ready, course, learner):
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz, wrong=5))
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz))
    failed, passed = Attempt.objects.order_by("started_at")
    assert failed.answers.count() == passed.answers.count() == 5
    assert not any(a.is_correct for a in failed.answers.all())
    assert [e.action for e in log_registry.get_logs_for_instance(failed)] == [
        "lms.attempt.fail"
    ]
    assert [e.action for e in log_registry.get_logs_for_instance(passed)] == [
        "lms.attempt.pass"
    ]


def test_no_new_attempt_once_passed(ready, course):
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz))
    response = ready.get(f"/quiz/{course.pk}/", follow=True)
    assert "Hai già superato questo corso" in response.content.decode()
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz))
    assert Attempt.objects.count() == 1


def test_result_page_belongs_to_its_learner(ready, course, client):
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz, wrong=1))
    attempt = Attempt.objects.get()
    assert ready.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 200
    other = make_user("altro@test.it")
    ready.force_login(other)
    assert ready.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 404


def test_editing_the_bank_later_does_not_change_a_past_attempt(ready, course):
    ready.post(f"/quiz/{course.pk}/", quiz_post_data(course.quiz, wrong=1))
    attempt = Attempt.objects.get()
    question = course.quiz.items.order_by("sort_order", "pk").first().question
    original_text = question.text
    question.text = "Testo riscritto dal formatore?"
    question.save()
    question.options.filter(is_correct=False).delete()

    page = ready.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    attempt.refresh_from_db()
    assert original_text in page and "Testo riscritto" not in page
    assert attempt.score == 80
    snapshot = attempt.answers.get(position=1).options_snapshot
    assert {o["text"] for o in snapshot} == {"Giusta", "Sbagliata"}


@pytest.mark.parametrize(
    ("question_of", "message"),
    [("other", UNKNOWN_QUESTION), ("own", UNKNOWN_OPTION)],
)
def test_service_refuses_answers_outside_the_quiz(
    learner, course, question_of, message
):
    foreign = make_quiz(title="Altro quiz").items.first().question
    question = foreign if question_of == "other" else course.quiz.items.first().question
    with pytest.raises(ValidationError) as error:
        attempt_submit(
            user=learner,
            quiz=course.quiz,
            course=course,
            answers={question.pk: [foreign.options.first().pk]},
        )
    assert error.value.messages == [str(message)]
    assert not Attempt.objects.exists()
