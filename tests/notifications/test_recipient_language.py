"""E-mails and notices name the course as their recipient reads it: the
course's live translation in the recipient's language, the original where
there is none, whoever sends them and however many go out at once."""

from datetime import date

import pytest
from django.core import mail

from courses.notices import reminders_send
from courses.services import enrollment_create
from notifications.models import Notification
from people import roles
from tests.builders import make_user, take_quiz, translate

ITALIAN_TITLE = "Fondamenti del servizio"
ENGLISH_TITLE = "Service fundamentals"


@pytest.fixture
def readers(db):
    return {
        "en": make_user(
            "jane@test.it",
            role=roles.LEARNER,
            first_name="Jane",
            preferred_language="en",
        ),
        "it": make_user("anna@test.it", role=roles.LEARNER, first_name="Anna"),
    }


def test_assignments_and_reminders_name_the_course_in_each_language(
    course, readers, hr, travel, commit, client, login
):
    translate(course, title=ENGLISH_TITLE)
    travel(date(2026, 3, 1))
    with commit():
        for person in readers.values():
            enrollment_create(
                user=person,
                course=course,
                source="manual",
                actor=hr,
                due_date=date(2026, 3, 31),
            )
    with commit():
        reminders_send(today=date(2026, 3, 24))
    sent = {}
    for message in mail.outbox:
        sent.setdefault(message.to[0], []).append(message)
    english, italian = sent["jane@test.it"], sent["anna@test.it"]
    assert len(english) == len(italian) == 2
    for message in english:
        assert ENGLISH_TITLE in message.subject + message.body
        assert ITALIAN_TITLE not in message.subject + message.body
    for message in italian:
        assert ITALIAN_TITLE in message.subject and ENGLISH_TITLE not in message.body
    page = login(readers["en"]).get("/notifiche/").content.decode()
    assert page.count(ENGLISH_TITLE) >= 2 and ITALIAN_TITLE not in page


def test_a_failed_quiz_notice_names_the_course_in_english(
    course, readers, login, commit
):
    translate(course, title=ENGLISH_TITLE)
    jane = readers["en"]
    client = login(jane)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course.get_children():
        client.post(f"/moduli/{module.pk}/completa/")
    with commit():
        take_quiz(client, course, wrong=5)
    (notice,) = Notification.objects.filter(user=jane)
    assert ENGLISH_TITLE in notice.title and ITALIAN_TITLE not in notice.title
    client.get("/la-mia-formazione/")  # the pages' messages, shown once
    page = client.get("/notifiche/").content.decode()
    assert ENGLISH_TITLE in page and ITALIAN_TITLE not in page
