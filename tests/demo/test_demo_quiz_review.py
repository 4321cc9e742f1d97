"""The demo's final quiz teaches without giving itself away: after a failed
attempt that can be retried the result page shows no right answer, and points
to the modules to read again; after the last attempt the review opens."""

import pytest
from django.core.management import call_command
from django.utils.html import escape

from courses.models import CoursePage, ModuleCompletion, ModulePage
from courses.services import enrollment_create
from quizzes.models import Attempt
from tests.builders import hand_in_anyway, make_user, start_quiz

pytestmark = pytest.mark.django_db

REVIEW_MARKS = ("risposta giusta", "Risposta giusta:", "Il percorso migliore:")


def _right_texts(attempt):
    """What would give the answers away: the right options and explanations."""
    texts = []
    for answer in attempt.answers.all():
        texts += [o["text"] for o in answer.options if o["correct"]]
        if answer.snapshot.get("explanation"):
            texts.append(answer.snapshot["explanation"])
    # As the page writes them (apostrophes escaped).
    return [str(escape(text)) for text in texts]


def _fail(client, course):
    """Start the quiz as the page's button does and hand it in unanswered,
    confirmed."""
    start_quiz(client, course)
    attempt = Attempt.objects.get(course=course, state__in=Attempt.OPEN_STATES)
    response = hand_in_anyway(client, f"/quiz/{course.pk}/", follow=True)
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_graded and not attempt.passed
    return attempt, response.content.decode()


def test_failed_retryable_attempt_shows_no_right_answer(client):
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    assert onboarding.quiz.max_attempts > 1
    learner = make_user("nuovo.agente@example.com")
    enrollment = enrollment_create(user=learner, course=onboarding)
    # Arranged: the modules' checks and scenarios are other tests' business.
    for module in ModulePage.objects.child_of(onboarding).live():
        ModuleCompletion.objects.create(enrollment=enrollment, module=module)
    client.force_login(learner)

    for _retry in range(onboarding.quiz.max_attempts - 1):
        attempt, html = _fail(client, onboarding)
        assert "Quiz non superato" in html and "Riprova il quiz" in html
        for mark in REVIEW_MARKS:
            assert mark not in html
        for text in _right_texts(attempt):
            assert text not in html, text
        assert (
            "disponibile quando superi il quiz o quando non restano altri tentativi"
            in (html)
        )
        # The modules to read again, by the wrong answers' topics, all of them
        # links that open.
        assert 'class="review-modules"' in html
        for module in ModulePage.objects.child_of(onboarding).live():
            assert escape(module.title) in html
            assert client.get(module.url).status_code == 200
        # The attempt's own page, reopened later, is no different.
        again = client.get(f"/quiz/tentativi/{attempt.pk}/").content.decode()
        for text in _right_texts(attempt):
            assert text not in again, text

    # The last attempt used: nothing left to retry, the review shows the answers.
    attempt, html = _fail(client, onboarding)
    assert "Riprova il quiz" not in html
    assert "risposta giusta" in html or "Risposta giusta:" in html
