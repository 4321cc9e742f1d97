"""A quiz in the learner's language: the attempt is the original quiz's and
graded by its rules and right answers, the words are the translation's."""

import html
import re

from wagtail.models import Locale

from people import roles
from quizzes.models import Question, Quiz, QuizDraw, Topic
from quizzes.selectors import attempt_answer_key
from quizzes.services import attempt_start, attempt_submit
from tests.builders import make_course, make_question, make_quiz, make_user
from tests.review import approve, submit_change


def english_version(question, text, options):
    """The question's English translation, published, with these words."""
    english = question.copy_for_translation(Locale.objects.get(language_code="en"))
    english.text = text
    for option, words in zip(english.options.all(), options, strict=True):
        option.text = words
    english.save()
    english.save_revision().publish()
    return Question.objects.get(pk=english.pk)


def test_the_english_learner_answers_the_english_words_and_passes(catalogue):
    question = make_question(
        "Un cliente aspetta da mezz'ora: che cosa dici?",
        options=[("Mi scusi per l'attesa, la aiuto ora.", True), ("Colpa sua.", False)],
    )
    english_version(
        question,
        "A customer has waited half an hour: what do you say?",
        ["Sorry to keep you waiting, let me sort it now.", "Your fault."],
    )
    quiz = make_quiz(questions=[question], pass_mark=100)
    course = make_course(catalogue, modules=0, quiz=quiz)
    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")

    attempt = attempt_start(user=jane, quiz=quiz, course=course)
    answer = attempt.answers.get()
    assert answer.question_id == question.pk  # the original, for item analysis
    assert answer.question_text.startswith("A customer has waited")
    texts = [option["text"] for option in answer.snapshot["options"]]
    assert texts == ["Sorry to keep you waiting, let me sort it now.", "Your fault."]
    attempt = attempt_submit(
        attempt=attempt, responses=attempt_answer_key(attempt=attempt)
    )
    assert attempt.passed

    giulia = make_user("giulia@test.it", role=roles.LEARNER)
    italian = attempt_start(user=giulia, quiz=quiz, course=course).answers.get()
    assert italian.question_text.startswith("Un cliente aspetta")


def test_a_translation_with_other_right_answers_is_not_used(catalogue):
    question = make_question("Domanda?", options=[("Sì", True), ("No", False)])
    english = english_version(question, "Question?", ["Yes", "No"])
    first = english.options.first()
    first.is_correct = False
    first.save()
    quiz = make_quiz(questions=[question])
    course = make_course(catalogue, modules=0, quiz=quiz)
    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    answer = attempt_start(user=jane, quiz=quiz, course=course).answers.get()
    assert answer.question_text == "Domanda?"


def test_draws_take_each_question_once_in_any_language(catalogue):
    topic = Topic.objects.create(name="Attese")
    question = make_question("Domanda?", options=[("Sì", True), ("No", False)])
    question.topic = topic
    question.save()
    english_version(question, "Question?", ["Yes", "No"])
    quiz = make_quiz(questions=[])
    QuizDraw.objects.create(quiz=quiz, topic=topic, count=2)
    course = make_course(catalogue, modules=0, quiz=quiz)
    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    answers = list(attempt_start(user=jane, quiz=quiz, course=course).answers.all())
    assert [a.question_id for a in answers] == [question.pk]
    assert answers[0].question_text == "Question?"


# The admin shows a translation's rules as attempts apply them: the original's.

QUIZ_ADMIN = "/admin/snippets/quizzes/quiz"
FOLLOWS_ORIGINAL = (
    "Come nell'originale, che vale per chi fa il quiz in ogni lingua: si cambia "
    "lì, con la revisione."
)


def english_quiz(quiz, **fields):
    """The quiz's English translation, published, with these fields."""
    english = quiz.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Final quiz"
    for name, value in fields.items():
        setattr(english, name, value)
    english.save()
    english.save_revision().publish()
    return Quiz.objects.get(pk=english.pk)


def text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def rows(page: str) -> dict[str, list[str]]:
    """The quiz listing: each row's title -> the words of its cells."""
    body = page.split('<table class="listing', 1)[1].split("<tbody", 1)[1]
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("</tbody>")[0], re.S):
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        title = re.search(r'_title">([^<]+)<', row).group(1).strip()
        found[html.unescape(title)] = cells
    return found


def test_the_quiz_list_shows_a_translation_the_originals_pass_mark(
    login, trainer, django_assert_max_num_queries
):
    # Translated when the pass mark was 60 and the limit 5; the original has
    # since been approved at 80 and 3.
    quiz = make_quiz(title="Quiz finale", pass_mark=60, max_attempts=5)
    english_quiz(quiz)
    quiz.pass_mark, quiz.max_attempts = 80, 3
    quiz.save()
    client = login(trainer)
    with django_assert_max_num_queries(16):
        client.get(f"{QUIZ_ADMIN}/?locale=en")
    for n in range(4):
        english_quiz(make_quiz(title=f"Altro {n}", questions=[]), title=f"Other {n}")
    # The originals' rules come with the rows: as many queries for five.
    with django_assert_max_num_queries(16):
        response = client.get(f"{QUIZ_ADMIN}/?locale=en")
    english = rows(response.content.decode())
    assert english["Final quiz"][-2:] == ["80", "3"]
    italian = rows(client.get(f"{QUIZ_ADMIN}/?locale=it").content.decode())
    assert italian["Quiz finale"][-2:] == ["80", "3"]


def test_the_quiz_list_says_unlimited_attempts_not_zero(login, trainer):
    """0 attempts stores "no limit": the list says so in the reader's language,
    not "0", which reads as a quiz nobody may take."""
    quiz = make_quiz(title="Quiz libero", max_attempts=0)
    english_quiz(quiz, title="Free quiz")
    make_quiz(title="Quiz a tre tentativi", max_attempts=3)
    client = login(trainer)
    italian = rows(client.get(f"{QUIZ_ADMIN}/?locale=it").content.decode())
    assert italian["Quiz libero"][-1] == "Illimitati"
    assert italian["Quiz a tre tentativi"][-1] == "3"
    client.post("/lingua/", {"language": "en", "next": "/"})
    english = rows(client.get(f"{QUIZ_ADMIN}/?locale=en").content.decode())
    assert english["Free quiz"][-1] == "Unlimited"


def test_the_english_quiz_list_says_quizzes_in_the_plural(login, trainer):
    """Italian "quiz" is both singular and plural; English is not: the list's
    heading and count say "Quizzes", "2 quizzes", not "Quiz", "2 quiz"."""
    make_quiz(title="Uno")
    make_quiz(title="Due")
    client = login(trainer)
    italian = text(client.get(f"{QUIZ_ADMIN}/").content.decode())
    assert "2 quiz" in italian
    client.post("/lingua/", {"language": "en", "next": "/"})
    page = client.get(f"{QUIZ_ADMIN}/").content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert text(heading) == "Quizzes"
    assert "2 quizzes" in text(page)
    assert "2 quiz " not in text(page) + " "
    assert "Add quiz" in text(page)


def test_a_translations_pass_mark_is_the_originals_and_cannot_be_changed_there(
    quiz_course, login, trainer, lead
):
    quiz = make_quiz(title="Quiz finale", pass_mark=80)
    course = quiz_course(quiz=quiz)
    english = english_quiz(quiz, pass_mark=60)
    edit_url = f"{QUIZ_ADMIN}/edit/{english.pk}/"
    client = login(trainer)
    page = client.get(edit_url).content.decode()
    field = re.search(r'<input[^>]*name="pass_mark"[^>]*>', page).group(0)
    assert "disabled" in field and 'value="80"' in field
    assert FOLLOWS_ORIGINAL in html.unescape(page)
    # The original's own form keeps it editable.
    original = client.get(f"{QUIZ_ADMIN}/edit/{quiz.pk}/").content.decode()
    field = re.search(r'<input[^>]*name="pass_mark"[^>]*>', original).group(0)
    assert "disabled" not in field

    # A pass mark sent for the translation anyway is not taken: what is
    # reviewed and published is the original's.
    submit_change(client, edit_url, title="The final quiz", pass_mark="10")
    english.refresh_from_db()
    assert english.get_latest_revision_as_object().pass_mark == 80
    approve(login(lead), QUIZ_ADMIN, english)
    english.refresh_from_db()
    assert (english.title, english.pass_mark) == ("The final quiz", 80)
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80

    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    assert attempt_start(user=jane, quiz=quiz, course=course).pass_mark == 80


def test_the_rules_follow_the_original_in_english_too(login, trainer):
    from people.services import user_set_language

    english = english_quiz(make_quiz(title="Quiz finale"))
    user_set_language(user=trainer, language="en")
    page = login(trainer).get(f"{QUIZ_ADMIN}/edit/{english.pk}/").content.decode()
    assert (
        "As in the original, which applies to whoever takes the quiz in any "
        "language: change it there, through review."
    ) in html.unescape(page)


# And the questions it asks: a translation's fixed questions and random draws
# are the original's, shown read-only, and saved so whatever is posted.

QUESTIONS_FOLLOW_ORIGINAL = (
    "Le domande sono quelle dell'originale, che vale per chi fa il quiz in ogni "
    "lingua: si scelgono lì, con la revisione. Chi legge questa lingua vede la "
    "traduzione di ogni domanda, dove c'è."
)
EDITING_CONTROLS = (
    'name="items-TOTAL_FORMS"',
    'name="draws-TOTAL_FORMS"',
    'id="id_items-ADD"',
    'id="id_draws-ADD"',
    'name="items-0-question"',
    'name="draws-0-count"',
)


def words(page: str) -> str:
    page = re.sub(r"<(script|template)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def fixed(quiz) -> list[int]:
    return list(
        quiz.items.order_by("sort_order", "pk").values_list("question_id", flat=True)
    )


def test_a_translations_questions_are_the_originals_and_cannot_be_changed_there(
    quiz_course, login, trainer, lead
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from quizzes.models import QuizItem

    def question(text, topic=None):
        return make_question(text, options=[("Sì", True), ("No", False)], topic=topic)

    kept, dropped, added, other = (question(f"Domanda {n}?") for n in "ABCD")
    waits = Topic.objects.create(name="Attese")
    drawn = question("Quanto aspetta il cliente?", topic=waits)
    quiz = make_quiz(title="Quiz finale", questions=[kept, dropped])
    # Translated then; the original has since been approved with other ones.
    english = english_quiz(quiz)
    quiz.items = [QuizItem(question=kept), QuizItem(question=added)]
    quiz.draws = [QuizDraw(topic=waits, count=1)]
    quiz.save()
    course = quiz_course(quiz=quiz)
    edit_url = f"{QUIZ_ADMIN}/edit/{english.pk}/"
    client = login(trainer)

    page = client.get(edit_url).content.decode()
    for control in EDITING_CONTROLS:
        assert control not in page, control
    text = words(page)
    assert QUESTIONS_FOLLOW_ORIGINAL in text
    assert "Domanda A?" in text and "Domanda C?" in text
    assert "Domanda B?" not in text
    assert "Attese 1" in text
    # The original's own form keeps them editable.
    original = client.get(f"{QUIZ_ADMIN}/edit/{quiz.pk}/").content.decode()
    assert 'name="items-TOTAL_FORMS"' in original and 'id="id_draws-ADD"' in original
    assert QUESTIONS_FOLLOW_ORIGINAL not in words(original)

    # Other questions sent for the translation anyway are not taken: what is
    # reviewed and published is the original's choice.
    forged = nested_form_data(
        {
            "items": inline_formset([{"question": str(other.pk), "id": ""}]),
            "draws": inline_formset([{"topic": str(waits.pk), "count": "5", "id": ""}]),
        }
    )
    submit_change(client, edit_url, title="The final quiz", **forged)
    approve(login(lead), QUIZ_ADMIN, english)
    english.refresh_from_db()
    assert english.title == "The final quiz"
    assert fixed(english) == fixed(quiz) == [kept.pk, added.pk]
    assert [(d.topic_id, d.count) for d in english.draws.all()] == [(waits.pk, 1)]

    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    asked = attempt_start(user=jane, quiz=quiz, course=course).answers.values_list(
        "question_id", flat=True
    )
    assert sorted(asked) == sorted([kept.pk, added.pk, drawn.pk])


def test_the_questions_follow_the_original_in_english_too(login, trainer):
    from people.services import user_set_language

    english = english_quiz(make_quiz(title="Quiz finale"))
    user_set_language(user=trainer, language="en")
    page = login(trainer).get(f"{QUIZ_ADMIN}/edit/{english.pk}/").content.decode()
    text = words(page)
    assert (
        "The questions are the original's, which applies to whoever takes the "
        "quiz in any language: they are chosen there, through review. Readers of "
        "this language see each question's translation, where there is one."
    ) in text
    assert "Fixed questions" in text and "Domanda 1?" in text
    assert 'name="items-TOTAL_FORMS"' not in page
