"""Each question type's grading rule, through the service that stores it."""

from decimal import Decimal

import pytest

from quizzes.grading import normalise_text
from quizzes.services import attempt_save, attempt_start, attempt_submit
from tests.builders import make_question, make_quiz

from .conftest import every_type_questions


def _answer(learner, catalogue, question, raw):
    from tests.builders import make_course

    quiz = make_quiz(questions=[question], pass_mark=50)
    course = make_course(catalogue, title=f"C{quiz.pk}", modules=0, quiz=quiz)
    attempt = attempt_start(user=learner, quiz=quiz, course=course)
    answer = attempt.answers.get()
    response = raw(answer) if callable(raw) else raw
    attempt = attempt_submit(attempt=attempt, responses={1: response})
    return attempt.answers.get().credit


def keys(answer, *texts):
    by_text = {o["text"]: o["key"] for o in answer.snapshot["options"]}
    return [by_text[t] for t in texts]


@pytest.mark.parametrize(
    ("kind", "picked", "credit"),
    [
        ("single", ["Telefono"], "1"),
        ("single", ["Posta"], "0"),
        ("single", [], "0"),
        ("true_false", ["Vero"], "1"),
        ("true_false", ["Falso"], "0"),
        ("scenario", ["Mi scuso per l'attesa e la aiuto subito"], "1"),
        ("scenario", ["Ci sono molte chiamate oggi"], "0"),
    ],
)
def test_one_right_option_types(learner, catalogue, kind, picked, credit):
    question = next(q for q in every_type_questions() if q.kind == kind)
    got = _answer(learner, catalogue, question, lambda a: keys(a, *picked))
    assert got == Decimal(credit)


@pytest.mark.parametrize(
    ("partial", "picked", "credit"),
    [
        (False, ["E-mail", "Chat"], "1"),
        (False, ["E-mail"], "0"),
        (False, ["E-mail", "Chat", "Telefono"], "0"),
        (True, ["E-mail", "Chat"], "1"),
        (True, ["E-mail"], "0.5"),
        # one right of two (+1/2), one wrong of one (−1): floored at zero
        (True, ["E-mail", "Telefono"], "0"),
        (True, ["E-mail", "Chat", "Telefono"], "0"),
        (True, [], "0"),
    ],
)
def test_multiple_choice_all_or_nothing_and_partial(
    learner, catalogue, partial, picked, credit
):
    question = make_question(
        "Canali scritti?",
        "multiple",
        [("E-mail", True), ("Chat", True), ("Telefono", False)],
        partial_credit=partial,
    )
    got = _answer(learner, catalogue, question, lambda a: keys(a, *picked))
    assert got == Decimal(credit)


def test_partial_credit_subtracts_per_wrong_option(learner, catalogue):
    question = make_question(
        "Quattro opzioni",
        "multiple",
        [("A", True), ("B", True), ("C", False), ("D", False)],
        partial_credit=True,
    )
    # 2/2 right − 1/2 wrong
    got = _answer(learner, catalogue, question, lambda a: keys(a, "A", "B", "C"))
    assert got == Decimal("0.5")


@pytest.mark.parametrize(
    ("typed", "credit"),
    [
        ("riepilogo", "1"),
        ("  RIEPILOGO  ", "1"),
        ("Ricapitolazióne", "1"),
        ("ricapitolazione.", "1"),
        ("riepiloghi", "0"),
        ("", "0"),
    ],
)
def test_short_text_ignores_case_accents_and_spacing(learner, catalogue, typed, credit):
    question = make_question(
        "Nome?", "short_text", [("Riepilogo", True), ("Ricapitolazione", True)]
    )
    assert _answer(learner, catalogue, question, typed) == Decimal(credit)


def test_normalise_text():
    assert normalise_text("  Perché  NO? ") == "perche no"


@pytest.mark.parametrize(
    ("partial", "order", "credit"),
    [
        (False, ["Saluta", "Ascolta", "Risolvi", "Congeda"], "1"),
        (False, ["Ascolta", "Saluta", "Risolvi", "Congeda"], "0"),
        (True, ["Ascolta", "Saluta", "Risolvi", "Congeda"], "0.5"),
        (True, ["Congeda", "Risolvi", "Ascolta", "Saluta"], "0"),
    ],
)
def test_ordering(learner, catalogue, partial, order, credit):
    question = make_question(
        "Ordine",
        "ordering",
        [("Saluta", True), ("Ascolta", True), ("Risolvi", True), ("Congeda", True)],
        partial_credit=partial,
    )

    def raw(answer):
        return {key: n for n, key in enumerate(keys(answer, *order), start=1)}

    assert _answer(learner, catalogue, question, raw) == Decimal(credit)


@pytest.mark.parametrize(
    ("partial", "pairs", "credit"),
    [
        (False, {"Chat": "Chat", "E-mail": "E-mail", "Posta": "Posta"}, "1"),
        (False, {"Chat": "Chat", "E-mail": "Posta", "Posta": "E-mail"}, "0"),
        (True, {"Chat": "Chat", "E-mail": "Posta", "Posta": "E-mail"}, "0.3333"),
        (True, {"Chat": "Chat"}, "0.3333"),
    ],
)
def test_matching(learner, catalogue, partial, pairs, credit):
    question = make_question(
        "Abbina",
        "matching",
        [("Chat", True, "Minuti"), ("E-mail", True, "Ore"), ("Posta", True, "Giorni")],
        partial_credit=partial,
    )

    def raw(answer):
        mkeys = {o["text"]: o["mkey"] for o in answer.snapshot["options"]}
        return {keys(answer, a)[0]: mkeys[b] for a, b in pairs.items()}

    assert _answer(learner, catalogue, question, raw) == Decimal(credit)


def test_score_is_the_mean_credit_and_pass_mark_applies(learner, catalogue):
    from tests.builders import make_course

    questions = [
        make_question(
            "Q1",
            "multiple",
            [("A", True), ("B", True), ("C", False)],
            partial_credit=True,
        ),
        make_question("Q2", "single", [("A", True), ("B", False)]),
    ]
    quiz = make_quiz(questions=questions, pass_mark=75)
    course = make_course(catalogue, title="Media", modules=0, quiz=quiz)
    attempt = attempt_start(user=learner, quiz=quiz, course=course)
    first, second = attempt.answers.order_by("position")
    attempt_save(attempt=attempt, responses={1: keys(first, "A")})
    attempt = attempt_submit(attempt=attempt, responses={2: keys(second, "A")})
    assert attempt.score == Decimal("75.00") and attempt.passed
