"""The demo's onboarding in English: written afresh in `demo/data/.../en/`,
loaded as the Italian course's translation, with the same modules, their
knowledge checks and scenarios (so progress counts in both languages) and
the final quiz in English."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from courses.models import CoursePage, ModulePage
from people import roles
from quizzes.models import Question, Quiz
from tests.builders import make_user

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
    assert english_questions.count() == quiz.items.count()
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
