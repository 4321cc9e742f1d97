"""A quiz in the learner's language: the attempt is the original quiz's and
graded by its rules and right answers, the words are the translation's."""

from wagtail.models import Locale

from people import roles
from quizzes.models import Question, QuizDraw, Topic
from quizzes.selectors import attempt_answer_key
from quizzes.services import attempt_start, attempt_submit
from tests.builders import make_course, make_question, make_quiz, make_user


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
