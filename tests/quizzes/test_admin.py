"""Trainers edit every question type, topics and quiz settings in the admin."""

import html
import re

import pytest

from quizzes.models import Question, Quiz, Topic
from tests.builders import make_quiz, question_form

VALID = {
    "single": [("A", True, ""), ("B", False, "")],
    "multiple": [("A", True, ""), ("B", True, ""), ("C", False, "")],
    "true_false": [("Vero", False, ""), ("Falso", True, "")],
    "short_text": [("Riepilogo", True, "")],
    "ordering": [("Primo", False, ""), ("Secondo", False, "")],
    "matching": [("Chat", False, "Minuti"), ("E-mail", False, "Ore")],
    "scenario": [("Mi scuso", True, ""), ("Non è colpa mia", False, "")],
}


@pytest.mark.parametrize("kind", list(VALID))
def test_trainer_creates_each_question_type(login, trainer, kind):
    client = login(trainer)
    assert client.get("/admin/snippets/quizzes/question/add/").status_code == 200
    extra = (
        {"scenario": "Il cliente aspetta da mezz'ora."} if kind == "scenario" else {}
    )
    response = client.post(
        "/admin/snippets/quizzes/question/add/",
        question_form(kind, VALID[kind], **extra),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get()
    assert question.kind == kind and question.options.count() == len(VALID[kind])
    assert question.latest_revision is not None
    assert (
        client.get(f"/admin/snippets/quizzes/question/edit/{question.pk}/").status_code
        == 200
    )


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("single", [("A", True, ""), ("B", True, "")], "una sola opzione"),
        ("multiple", [("A", False, ""), ("B", False, "")], "almeno un'opzione"),
        ("true_false", [("Vero", True, "")], "esattamente due opzioni"),
        ("matching", [("Chat", False, "Minuti"), ("E-mail", False, "")], "abbinamento"),
        ("scenario", [("A", True, ""), ("B", False, "")], "situazione"),
    ],
)
def test_a_question_that_cannot_be_graded_is_refused(
    login, trainer, kind, options, message
):
    client = login(trainer)
    response = client.post(
        "/admin/snippets/quizzes/question/add/", question_form(kind, options)
    )
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Question.objects.exists()


def test_trainer_manages_topics_and_quiz_settings(login, trainer):
    client = login(trainer)
    response = client.post(
        "/admin/snippets/quizzes/topic/add/", {"name": "Attesa", "description": ""}
    )
    assert response.status_code == 302 and Topic.objects.filter(name="Attesa").exists()
    page = client.get("/admin/snippets/quizzes/quiz/add/").content.decode()
    for field in (
        "max_attempts",
        "wait_minutes",
        "time_limit_minutes",
        "shuffle_questions",
        "shuffle_options",
        "layout",
        "review_when",
        "review_right_answers",
        "counts",
        "draws-TOTAL_FORMS",
    ):
        assert f'name="{field}' in page
    assert not Quiz.objects.exists()


@pytest.mark.parametrize("kind", ["single", "matching"])
def test_the_preview_shows_the_question_as_a_learner_meets_it(login, trainer, kind):
    """The editor's preview renders the unsaved question through the quiz
    page's own template: the learner's controls, no right answer marked."""
    client = login(trainer)
    url = "/admin/snippets/quizzes/question/preview/"
    data = question_form(kind, VALID[kind], text="Come rispondi al cliente?")
    checked = client.post(url, data)
    assert checked.json()["is_valid"] is True
    page = client.get(url).content.decode()
    assert "Come rispondi al cliente?" in page
    assert 'class="question question--' + kind in page
    assert "Le risposte date qui non vengono salvate" in page
    if kind == "single":
        assert 'type="radio"' in page and ">A<" in page.replace("\n", "")
    else:
        assert "<select" in page and "Chat" in page and "Minuti" in page
    # Nothing about which answer is right reaches the page.
    assert "Commento 0" not in page and "is_correct" not in page
    assert not Question.objects.exists()


def test_a_choice_left_empty_is_offered_in_the_admins_language(login, trainer):
    """The scenario's "outcome, if it ends here" may be left empty: Wagtail
    offers "- Select an option -", a string its Italian catalogue lacks."""
    client = login(trainer)
    italian = html.unescape(
        client.get("/admin/snippets/quizzes/question/add/").content.decode()
    )
    assert "Select an option" not in italian
    assert "- Seleziona un" in italian  # the apostrophe is escaped in the JSON
    client.post("/lingua/", {"language": "en", "next": "/"})
    english = html.unescape(
        client.get("/admin/snippets/quizzes/question/add/").content.decode()
    )
    assert "- Select an option -" in english


def test_the_quiz_editor_names_each_row_in_the_singular(login, trainer):
    """Each fixed question is "Domanda fissa 1", added with "Aggiungi domanda
    fissa"; not "Domande fisse 1", "Aggiungi Domande fisse"."""
    quiz = make_quiz(title="Quiz finale")
    page = login(trainer).get(f"/admin/snippets/quizzes/quiz/edit/{quiz.pk}/")
    body = page.content.decode()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "Aggiungi domanda fissa" in text
    assert "Aggiungi estrazione casuale" in text
    assert "Aggiungi Domande" not in text
    assert re.search(r"Domanda fissa\s*<span data-inline-panel-child-count", body)
    assert not re.search(r"Domande fisse\s*<span data-inline-panel-child-count", body)
    # The sections keep their plural headings.
    assert "Domande fisse" in text and "Domande estratte a caso" in text


def test_the_question_editor_names_each_option_in_the_singular(login, trainer):
    """Each option is "Opzione 1", added with "Aggiungi opzione"; not
    "Opzioni 1", "Aggiungi Opzioni" (ordering and matching rename theirs)."""
    body = login(trainer).get("/admin/snippets/quizzes/question/add/").content.decode()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "Aggiungi opzione" in text
    assert "Aggiungi Opzioni" not in text
    assert re.search(r"Opzione\s*<span data-inline-panel-child-count", body)
    assert not re.search(r"Opzioni\s*<span data-inline-panel-child-count", body)
    # The section is found by the editor's script in any language.
    assert 'data-lms-section="options"' in body
