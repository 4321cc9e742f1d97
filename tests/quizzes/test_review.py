"""Nothing reveals a right answer before the review settings allow it; the
review, the result page and the attempt history show what they should."""

import re

import pytest

from quizzes.models import Answer, Attempt
from tests.builders import attempt_post_data, make_quiz

from .conftest import every_type_questions

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _flip_snapshots(attempt):
    """Turn every right answer wrong and vice versa, in the attempt itself."""
    for answer in attempt.answers.all():
        for option in answer.snapshot["options"]:
            option["correct"] = not option["correct"]
            option["rank"] = len(answer.snapshot["options"]) - option["rank"]
        options = answer.snapshot["options"]
        if answer.kind == "matching":
            # Rotate each match with its key: same page, other right pairs.
            pairs = [(o["mkey"], o["match"]) for o in options]
            for option, (mkey, match) in zip(
                options, pairs[1:] + pairs[:1], strict=True
            ):
                option["mkey"], option["match"] = mkey, match
        answer.snapshot["explanation"] = "ALTRA-SPIEGAZIONE"
        answer.save()


@pytest.mark.parametrize("layout", ["all", "one"])
def test_no_quiz_page_reveals_the_right_answers(quiz_course, login, learner, layout):
    quiz = make_quiz(questions=every_type_questions(), layout=layout)
    course = quiz_course(quiz=quiz)
    client = login(learner)

    def pages():
        urls = [f"/quiz/{course.pk}/"]
        if layout == "one":
            urls = [f"/quiz/{course.pk}/?domanda={n}" for n in range(1, 8)]
        return [CSRF.sub("", client.get(url).content.decode()) for url in urls]

    client.post(f"/quiz/{course.pk}/", {"action": "start"})
    pages()  # the enrolment message goes
    before = pages()
    attempt = Attempt.objects.get()
    _flip_snapshots(attempt)
    assert pages() == before
    html = "".join(before)
    for secret in ("FB-", "SPIEGAZIONE", "correct", "is_correct", "rank"):
        assert secret not in html
    # Matching items are offered every match, so their own is not singled out.
    assert html.count(">Minuti<") == 3 and html.count(">Giorni<") == 3
    # Option values are the attempt's random keys, not database ids.
    ids = {str(o["id"]) for a in attempt.answers.all() for o in a.snapshot["options"]}
    values = re.findall(r'type="(?:radio|checkbox)" name="d\d+" value="([^"]+)"', html)
    assert values and all(re.fullmatch("[0-9a-f]{8}", v) for v in values)
    assert not ids & set(values)


def _fail(client, course):
    client.post(f"/quiz/{course.pk}/", {"action": "start"})
    attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
    client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=7))
    attempt.refresh_from_db()
    return attempt


@pytest.mark.parametrize("when", ["after_passing", "after_last"])
def test_review_waits_for_passing_or_the_last_attempt(
    quiz_course, login, learner, when
):
    quiz = make_quiz(
        questions=every_type_questions(),
        review_when=when,
        review_right_answers=True,
        max_attempts=2,
    )
    course = quiz_course(quiz=quiz)
    client = login(learner)
    attempt = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "Quiz non superato" in page and "0\u00a0%" in page
    # The rule as `review_for` applies it: after the last attempt also opens
    # with a pass.
    assert {
        "after_passing": "disponibile dopo aver superato il quiz.",
        "after_last": (
            "disponibile quando superi il quiz o quando non restano altri tentativi."
        ),
    }[when] in page
    for secret in ("FB-", "SPIEGAZIONE", "risposta giusta", "Risposta errata"):
        assert secret not in page
    second = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{second.pk}/").content.decode()
    if when == "after_last":
        assert "risposta giusta" in page and "Risposta errata" in page
        assert "Non restano altri tentativi." in page
    else:
        assert "risposta giusta" not in page


def test_review_shows_only_what_the_quiz_allows(quiz_course, login, learner):
    quiz = make_quiz(
        questions=every_type_questions(),
        review_right_answers=False,
        review_feedback=True,
    )
    course = quiz_course(quiz=quiz)
    client = login(learner)
    attempt = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert page.count("Risposta errata") == 7
    assert "(la tua scelta)" in page
    assert "FB-posta" in page  # the feedback of the chosen option ...
    assert "FB-telefono" not in page  # ... but not of the right one
    assert "risposta giusta" not in page and "Risposta giusta:" not in page
    assert "SPIEGAZIONE-single" in page

    # A rule changed later applies to the attempts started after it: the
    # attempt keeps the review rules it was started under.
    quiz.review_right_answers = True
    quiz.save()
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "(risposta giusta)" not in page
    # Failed with attempts left: the right answers still wait, whatever the
    # settings say ...
    attempt = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "(risposta giusta)" not in page and "Risposta giusta:" not in page
    assert "FB-posta" in page
    # ... until the last attempt.
    quiz.max_attempts = 3
    quiz.save()
    attempt = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "(risposta giusta)" in page and "Risposta giusta:" in page
    assert "Saluta; Ascolta; Risolvi" in page  # the right order
    assert "Chat → Minuti" in page
    assert "FB-telefono" in page


def test_dialogue_and_situation_are_shown(quiz_course, login, learner):
    quiz = make_quiz(questions=every_type_questions()[-1:])
    course = quiz_course(quiz=quiz)
    client = login(learner)
    client.post(f"/quiz/{course.pk}/", {"action": "start"})
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "Il cliente chiama dopo una lunga attesa." in page
    assert "<dt>Cliente</dt><dd>Aspetto da venti minuti!</dd>" in page
    assert "<legend" in page and "Scegli la risposta corretta." in page
    # Neutral: a scenario's question may ask about a rule, not a reply.
    assert "da dare al cliente" not in page


@pytest.mark.parametrize("counts", ["highest", "last"])
def test_history_lists_attempts_and_the_one_that_counts(
    quiz_course, login, learner, counts, django_assert_max_num_queries
):
    quiz = make_quiz(counts=counts, max_attempts=0)
    course = quiz_course(quiz=quiz)
    client = login(learner)
    for wrong in (2, 4):
        client.post(f"/quiz/{course.pk}/", {"action": "start"})
        attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
        client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=wrong))
    # 12 + the content locale's id, read from the database where it is used
    # (the quiz's title in the reader's language).
    with django_assert_max_num_queries(14):
        page = client.get(f"/quiz/{course.pk}/storico/").content.decode()
    assert "Tentativo 1" in page and "Tentativo 2" in page
    assert "Tentativi illimitati." in page
    expected = "60%" if counts == "highest" else "20%"
    assert f"Voto che conta: {expected}" in page
    # More attempts, same number of queries.
    for _ in range(3):
        client.post(f"/quiz/{course.pk}/", {"action": "start"})
        attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
        client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=5))
    with django_assert_max_num_queries(14):
        client.get(f"/quiz/{course.pk}/storico/")
    assert Answer.objects.filter(attempt__user=learner).count() == 25


def test_quiz_and_result_pages_in_english(quiz_course, login, learner):
    learner.preferred_language = "en"
    learner.save()
    quiz = make_quiz(questions=every_type_questions(), max_attempts=2)
    course = quiz_course(quiz=quiz)
    client = login(learner)
    client.post(f"/quiz/{course.pk}/", {"action": "start"})
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert '<html lang="en"' in page
    for text in (
        "Choose the correct answer.",
        "Give each step its position in the sequence",
        "Match each item with its counterpart.",
        "Your answer",
        "Your answers are saved as you go",
    ):
        assert text in page
    attempt = _fail(client, course)
    page = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
    assert "You have 1 attempt left." in page


def test_a_new_quiz_starts_with_the_safe_choices(login, trainer):
    """What a trainer gets without touching anything: questions and options
    shuffled, the review after a pass or the last attempt."""
    page = login(trainer).get("/admin/snippets/quizzes/quiz/add/").content.decode()
    for field in ("shuffle_questions", "shuffle_options", "review_right_answers"):
        tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', page).group(0)
        assert "checked" in tag, field
    selected = re.search(
        r'<select[^>]*name="review_when".*?<option value="([a-z_]+)"[^>]*selected',
        page,
        re.S,
    )
    assert selected.group(1) == "after_last"
