"""After a failed final quiz the result page sends the learner back to the
modules that teach the questions they got wrong (questions → topic → modules)."""

import re

import pytest

from courses.selectors import course_modules
from quizzes.models import Attempt, Topic
from tests.builders import (
    attempt_post_data,
    make_course,
    make_question,
    make_quiz,
    module_form,
    start_quiz,
)

pytestmark = pytest.mark.django_db


def _question(text, topic):
    return make_question(
        text, "single", [("Giusta", True), ("Sbagliata", False)], topic=topic
    )


@pytest.fixture
def taught_course(catalogue):
    """Three modules; the quiz asks two questions of module 1's topic, two of
    module 2's and one of a topic no module teaches. Shuffling is off, so the
    first questions are module 1's."""
    channels = Topic.objects.create(name="Canali")
    feedback = Topic.objects.create(name="Feedback")
    orphan = Topic.objects.create(name="Senza modulo")
    quiz = make_quiz(
        questions=[
            _question("Canale più rapido?", channels),
            _question("Canale scritto?", channels),
            _question("Come si raccoglie il feedback?", feedback),
            _question("Che cos'è un reclamo?", feedback),
            _question("Domanda senza modulo?", orphan),
        ]
    )
    course = make_course(catalogue, title="Servizio", modules=3, quiz=quiz)
    first, second, _third = course_modules(course=course)
    for module, topic in ((first, channels), (second, feedback)):
        module.topics.set([topic])
        module.save_revision().publish()
    # Another course teaching the same topic is not where this quiz sends anyone.
    other = make_course(catalogue, title="Altro corso", modules=1, quiz=False)
    elsewhere = course_modules(course=other)[0]
    elsewhere.topics.set([channels])
    elsewhere.save_revision().publish()
    return course


def _take(client, course, wrong):
    start_quiz(client, course)
    attempt = Attempt.objects.get(course=course, state__in=Attempt.OPEN_STATES)
    response = client.post(
        f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=wrong), follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def _review_links(html):
    block = re.search(r'<ul class="review-modules"[^>]*>(.*?)</ul>', html, re.S)
    if block is None:
        return []
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', block[1])


def test_failed_quiz_links_the_modules_of_the_wrong_answers(
    taught_course, login, learner
):
    client = login(learner)
    client.post(f"/corsi/{taught_course.pk}/iscrizione/")
    modules = course_modules(course=taught_course)
    for module in modules:
        client.post(f"/moduli/{module.pk}/completa/")

    html = _take(client, taught_course, wrong=2)

    assert "Quiz non superato" in html
    assert "Ripassa i moduli che spiegano le domande che hai sbagliato" in html
    links = _review_links(html)
    assert [title for _url, title in links] == ["Modulo 1 di Servizio"]
    for url, _title in links:
        page = client.get(url)
        assert page.status_code == 200
        assert "Modulo 1 di Servizio" in page.content.decode()


def test_wrong_answers_across_topics_list_each_module_once_in_course_order(
    taught_course, login, learner
):
    client = login(learner)
    client.post(f"/corsi/{taught_course.pk}/iscrizione/")
    for module in course_modules(course=taught_course):
        client.post(f"/moduli/{module.pk}/completa/")

    html = _take(client, taught_course, wrong=4)

    assert [t for _u, t in _review_links(html)] == [
        "Modulo 1 di Servizio",
        "Modulo 2 di Servizio",
    ]


def test_a_wrong_answer_no_module_teaches_keeps_the_general_advice(
    catalogue, login, learner
):
    topic = Topic.objects.create(name="Senza modulo")
    quiz = make_quiz(questions=[_question(f"Domanda {n}?", topic) for n in range(3)])
    course = make_course(catalogue, title="Breve", modules=0, quiz=quiz)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")

    html = _take(client, course, wrong=3)

    assert _review_links(html) == []
    assert "Rileggi i moduli in cui hai sbagliato." in html


def test_a_passed_quiz_sends_nobody_back(taught_course, login, learner):
    client = login(learner)
    client.post(f"/corsi/{taught_course.pk}/iscrizione/")
    for module in course_modules(course=taught_course):
        client.post(f"/moduli/{module.pk}/completa/")

    html = _take(client, taught_course, wrong=1)  # 80 %: passed

    assert "Quiz superato" in html
    assert _review_links(html) == []


def test_the_lead_trainer_names_a_modules_topics_in_the_editor(
    taught_course, login, lead
):
    module = course_modules(course=taught_course)[2]
    topic = Topic.objects.get(name="Senza modulo")
    client = login(lead)
    editor = client.get(f"/admin/pages/{module.pk}/edit/").content.decode()
    assert "Argomenti del quiz" in editor and "Senza modulo" in editor
    form = module_form(module.title, module.slug)
    form["topics"] = [str(topic.pk)]
    response = client.post(f"/admin/pages/{module.pk}/edit/", form)
    assert response.status_code == 302
    module.refresh_from_db()
    assert list(module.topics.all()) == [topic]
