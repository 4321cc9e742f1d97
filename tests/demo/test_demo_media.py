"""The demo's recordings play for the learners who meet them: the one in the
onboarding's final quiz (a branching question, used by no page) as well as
those in its modules, and for nobody outside the course."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model

from courses.models import CoursePage
from courses.services import enrollment_create
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def test_the_final_quizs_recording_plays_like_the_modules_ones(client):
    call_command("load_demo_data", "--no-people")
    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    documents = get_document_model().objects
    in_the_quiz = documents.get(title="Scenario dell'attesa: il cliente")
    in_a_module = documents.get(title="Scenario del canone: il cliente")
    learner = make_user("nuovo.agente@example.com")
    enrollment_create(user=learner, course=onboarding)
    # Signed in, with no place in the onboarding (the refresher is only for who
    # is certified already).
    other = make_user("altro.agente@example.com")

    client.force_login(learner)
    for document in (in_the_quiz, in_a_module):
        size = document.file.size
        # The player reads the start (the duration), then the rest.
        first = client.get(document.url, HTTP_RANGE="bytes=0-")
        assert first.status_code == 206, document.url
        assert first["Content-Range"] == f"bytes 0-{size - 1}/{size}"
        assert client.get(document.url).status_code == 200

    client.force_login(other)
    anonymous = Client()
    for document in (in_the_quiz, in_a_module):
        assert client.get(document.url).status_code == 403
        response = anonymous.get(document.url, HTTP_RANGE="bytes=0-")
        assert response.status_code == 302
        assert "login" in response["Location"]
