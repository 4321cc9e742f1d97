"""A learner's notices after a whole journey (assignment, reminder, modules, a
failed and a passed quiz, the certificate, a policy review with a failed and a
passed attempt): each is a short text with a link of this site, every link
opens a page (no 404, before and after the task is done), and the notices of
a task once done are marked read."""

import re
from datetime import date

from certifications.models import PolicyChange
from certifications.notices import policy_reminders_send
from courses.notices import reminders_send
from courses.selectors import course_modules
from courses.services import enrollment_create
from notifications.models import Kind, Notification
from quizzes.models import Attempt
from tests.builders import (
    attempt_post_data,
    make_certification,
    make_course,
    publish_new_text,
    take_quiz,
)

OPEN = re.compile(r'action="(/notifiche/(\d+)/apri/)"')


def _crawl(client, learner):
    """Open every notice from the list, as its button does, and follow it."""
    listing = client.get("/notifiche/").content.decode()
    found = OPEN.findall(listing)
    assert len(found) == Notification.objects.filter(user=learner).count()
    opened = {}
    for action, pk in found:
        notice = Notification.objects.get(pk=pk)
        response = client.post(action)
        assert response.status_code == 302
        # The notice's own link, not the list a foreign link falls back to.
        assert response.url == notice.url, (notice.title, response.url)
        page = client.get(response.url, follow=True)
        assert page.status_code == 200, (notice.title, notice.url, page.status_code)
        opened[notice.kind] = opened.get(notice.kind, 0) + 1
    return opened


def _quiz_fail(client, url):
    client.post(url, {"action": "start"})
    attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
    return client.post(url, attempt_post_data(attempt, wrong=5))


def test_every_notice_is_short_links_here_and_opens(
    catalogue, learner, hr, lead, login, client, travel, commit
):
    travel(date(2026, 3, 1))
    onboarding = make_course(catalogue, title="Inserimento", modules=2)
    refresher = make_course(catalogue, title="Aggiornamento", modules=1)
    make_certification(onboarding, refresher)
    with commit():
        enrollment = enrollment_create(
            user=learner,
            course=onboarding,
            source="manual",
            actor=hr,
            due_date=date(2026, 3, 31),
        )
    with commit():
        reminders_send(today=date(2026, 3, 24))

    client = login(learner)
    for module in course_modules(course=onboarding):
        client.post(f"/moduli/{module.pk}/completa/")
    with commit():
        take_quiz(client, onboarding, wrong=5)
    assert Notification.objects.filter(kind=Kind.QUIZ_FAILED).count() == 1
    before_pass = _crawl(client, learner)
    assert set(before_pass) == {Kind.ASSIGNMENT, Kind.REMINDER, Kind.QUIZ_FAILED}
    Notification.objects.update(read_at=None)  # opened by the crawl: unread again

    with commit():
        take_quiz(client, onboarding)
    assert enrollment.certificates.filter(status="valid").exists()
    # The course is done: what asked for it is marked read, the news is not.
    unread = Notification.objects.filter(user=learner, read_at__isnull=True)
    assert set(unread.values_list("kind", flat=True)) == {Kind.CERTIFICATE}

    # A policy change of a module, published by the lead trainer.
    module = course_modules(course=onboarding)[0]
    publish_new_text(module, lead, "Rimborsi entro 14 giorni dalla richiesta.")
    travel(date(2026, 6, 15))
    publish_new_text(module, lead, "Rimborsi entro 7 giorni dalla richiesta.")
    admin = login(lead)
    with commit():
        admin.post(
            f"/admin/certificazioni/policy/{module.pk}/",
            {"note": "Rimborsi più rapidi.", "due_days": "30"},
        )
    change = PolicyChange.objects.get()
    with commit():
        policy_reminders_send(today=date(2026, 7, 8))
    client.logout()
    client = login(learner)
    review_quiz = f"/certificazioni/modifiche/{change.pk}/quiz/"
    with commit():
        _quiz_fail(client, review_quiz)
    opened = _crawl(client, learner)
    assert opened[Kind.POLICY_REVIEW] == opened[Kind.POLICY_REMINDER] == 1
    assert opened[Kind.QUIZ_FAILED] == 2 and opened[Kind.CERTIFICATE] == 1
    Notification.objects.update(read_at=None)

    with commit():
        client.post(review_quiz, {"action": "start"})
        attempt = Attempt.objects.get(state__in=Attempt.OPEN_STATES)
        client.post(review_quiz, attempt_post_data(attempt))
    unread = Notification.objects.filter(user=learner, read_at__isnull=True)
    # The review is done: its notices and its failed attempt are read; only
    # the news of the certificates stays unread.
    assert set(unread.values_list("kind", flat=True)) == {Kind.CERTIFICATE}
    assert unread.count() == 2
    # Every link still opens once everything is done.
    _crawl(client, learner)

    for notice in Notification.objects.filter(user=learner):
        assert notice.url.startswith("/") and "//" not in notice.url, notice.url
        assert "http" not in notice.body and "Ciao" not in notice.body
        assert len(notice.body) <= 400
    due = Notification.objects.get(kind=Kind.ASSIGNMENT)
    assert due.body == "Da completare entro il 31 marzo 2026."
    failed = Notification.objects.filter(kind=Kind.QUIZ_FAILED).first()
    assert "Punteggio: 0\u00a0%, soglia: 80\u00a0%" in failed.body
