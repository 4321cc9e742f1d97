import pytest

from courses.services import enrollment_create
from quizzes.models import Attempt
from tests.builders import make_course, make_question, make_quiz


def every_type_questions(topic=None):
    """One question of each type, with feedback on options and questions."""
    return [
        make_question(
            "Canale più rapido?",
            "single",
            [("Telefono", True, "", "FB-telefono"), ("Posta", False, "", "FB-posta")],
            topic=topic,
            explanation="SPIEGAZIONE-single",
        ),
        make_question(
            "Canali scritti?",
            "multiple",
            [("E-mail", True), ("Chat", True), ("Telefono", False)],
            topic=topic,
            partial_credit=True,
        ),
        make_question(
            "L'attesa va annunciata?",
            "true_false",
            [("Vero", True), ("Falso", False)],
            topic=topic,
        ),
        make_question(
            "Come si chiama il riepilogo finale?",
            "short_text",
            [("Riepilogo", True), ("Ricapitolazione", True)],
            topic=topic,
        ),
        make_question(
            "Metti in ordine i passi",
            "ordering",
            [("Saluta", True), ("Ascolta", True), ("Risolvi", True)],
            topic=topic,
        ),
        make_question(
            "Abbina canale e tempo",
            "matching",
            [
                ("Chat", True, "Minuti"),
                ("E-mail", True, "Ore"),
                ("Posta", True, "Giorni"),
            ],
            topic=topic,
        ),
        make_question(
            "Il cliente aspetta da 20 minuti. Che cosa rispondi?",
            "scenario",
            [
                ("Mi scuso per l'attesa e la aiuto subito", True, "", "FB-scuse"),
                ("Ci sono molte chiamate oggi", False, "", "FB-scusa-debole"),
            ],
            topic=topic,
            scenario="Il cliente chiama dopo una lunga attesa.",
            dialogue="Cliente: Aspetto da venti minuti!\nOperatore: …",
        ),
    ]


@pytest.fixture
def quiz_course(catalogue, learner):
    """A course with no modules (the quiz is open at once), the given quiz and
    the learner enrolled."""

    def build(quiz=None, **settings):
        quiz = quiz or make_quiz(**settings)
        course = make_course(catalogue, title=f"Corso {quiz.pk}", modules=0, quiz=quiz)
        enrollment_create(user=learner, course=course)
        return course

    return build


@pytest.fixture
def open_attempt(learner):
    def get(course):
        return Attempt.objects.get(
            user=learner, course=course, state__in=Attempt.OPEN_STATES
        )

    return get
