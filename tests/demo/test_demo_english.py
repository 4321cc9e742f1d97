"""The demo's onboarding in English: written afresh in `demo/data/.../en/`,
loaded as the Italian course's translation, with the same modules, their
knowledge checks and scenarios (so progress counts in both languages) and
the final quiz in English."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale

from courses.models import CoursePage, ModuleCompletion, ModulePage
from courses.services import enrollment_create
from people import roles
from quizzes.models import Attempt, Question, Quiz
from tests.builders import make_user, start_quiz

pytestmark = pytest.mark.django_db


def test_the_onboarding_exists_in_english_with_the_same_modules_and_a_quiz():
    call_command("load_demo_data", "--no-people")
    italian = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    english = italian.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.title == "Customer service fundamentals"
    italian_modules = list(ModulePage.objects.child_of(italian).live().order_by("path"))
    english_modules = list(ModulePage.objects.child_of(english).live().order_by("path"))
    assert [m.translation_key for m in english_modules] == [
        m.translation_key for m in italian_modules
    ]
    assert english_modules[0].title == "What customer service is"
    for original, translated in zip(italian_modules, english_modules, strict=True):
        # Checks and scenarios kept, so an answer counts in either language.
        assert translated.interactive_structure() == original.interactive_structure()
        assert translated.interactive_structure(), translated.title
    quiz = Quiz.objects.get(pk=italian.quiz_id)
    english_quiz = quiz.get_translation(english.locale)
    assert english_quiz.live and english_quiz.title.startswith("Final quiz")
    english_questions = Question.objects.filter(locale=english.locale, live=True)
    # The quiz's own questions and the bank's, which its draws take.
    assert english_questions.count() >= quiz.items.count()
    # A second run changes nothing.
    counts = (ModulePage.objects.count(), Question.objects.count())
    call_command("load_demo_data", "--no-people")
    assert (ModulePage.objects.count(), Question.objects.count()) == counts


def test_an_english_learner_reads_the_onboarding_in_english(client):
    call_command("load_demo_data", "--no-people")
    italian = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    client.force_login(jane)
    page = client.get(italian.url).content.decode()
    assert "Customer service fundamentals" in page
    assert "The three service channels" in page
    client.post(reverse("courses:enrol", args=[italian.pk]))
    # The catalogue in English lists the untranslated refresher in Italian.
    catalogue = client.get("/courses/").content.decode()
    assert "Customer service fundamentals" in catalogue
    assert "Aggiornamento" in catalogue


def _onboarding_questions(quiz: Quiz) -> list[Question]:
    """Every question the onboarding quiz can show: its fixed items and every
    original of its draws' topics (the bank's questions and other quizzes')."""
    fixed = [item.question for item in quiz.items.select_related("question")]
    drawable = Question.objects.filter(
        topic_id__in=quiz.draws.values("topic_id"), locale=quiz.locale, live=True
    ).exclude(pk__in=[q.pk for q in fixed])
    return fixed + list(drawable)


def test_every_question_the_english_quiz_can_show_has_english_words():
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    english = Locale.objects.get(language_code="en")
    questions = _onboarding_questions(onboarding.quiz)
    drawn = [q for q in questions if not onboarding.quiz.items.filter(question=q)]
    assert len(drawn) >= 8  # the bank's questions at least
    for question in questions:
        translated = question.get_translation_or_none(english)
        assert translated is not None and translated.live, question.text
        assert translated.text != question.text
        # Same question, other words: the kind and the right answers stay.
        assert translated.kind == question.kind
        assert [o.is_correct for o in translated.options.all()] == [
            o.is_correct for o in question.options.all()
        ], question.text
        assert translated.options.count() == question.options.count()
    # A second run adds nothing and publishes nothing again.
    counts = (Question.objects.count(), Question.objects.filter(locale=english).count())
    revisions = {q.pk: q.latest_revision_id for q in Question.objects.all()}
    call_command("load_demo_data", "--no-people")
    assert (
        Question.objects.count(),
        Question.objects.filter(locale=english).count(),
    ) == counts
    assert {q.pk: q.latest_revision_id for q in Question.objects.all()} == revisions


def test_an_english_learner_starts_the_quiz_with_no_italian_question(client):
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    italian_texts = [q.text for q in _onboarding_questions(onboarding.quiz)]
    jane = make_user("jane@test.it", role=roles.LEARNER, preferred_language="en")
    enrollment = enrollment_create(user=jane, course=onboarding)
    # Arranged: the modules' checks and scenarios are other tests' business.
    for module in ModulePage.objects.child_of(onboarding).live():
        ModuleCompletion.objects.create(enrollment=enrollment, module=module)
    client.force_login(jane)

    html = start_quiz(client, onboarding, follow=True).content.decode()
    attempt = Attempt.objects.get(user=jane, state__in=Attempt.OPEN_STATES)
    answers = list(attempt.answers.all())
    # The fixed questions and one drawn from each of the two topics.
    assert len(answers) == onboarding.quiz.items.count() + 2
    english = Locale.objects.get(language_code="en")
    for answer in answers:
        assert answer.question.locale_id != english.pk  # the original is answered
        translated = answer.question.get_translation(english)
        assert answer.question_text == translated.text
    for text in italian_texts:
        assert text not in html and escape(text) not in html, text
    assert escape(answers[0].question_text) in html
