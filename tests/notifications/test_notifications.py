"""The learner's notification list, the header count, and the editable texts."""

import html
import re

import pytest
from django.core.exceptions import ValidationError

from notifications.models import EmailTemplate, Notification
from tests.builders import make_user, notify


@pytest.mark.parametrize("rows", [1, 12])
def test_list_shows_unread_with_flat_queries(
    learner, login, django_assert_max_num_queries, rows
):
    notify(learner, rows)
    client = login(learner)
    with django_assert_max_num_queries(8):
        response = client.get("/notifiche/")
    html = response.content.decode()
    assert html.count("Da leggere") == rows
    assert f'<span class="nav-count">{rows}' in html


def test_open_marks_read_and_redirects(learner, login):
    notify(learner)
    notification = Notification.objects.get(user=learner)
    response = login(learner).post(f"/notifiche/{notification.pk}/apri/")
    assert response.status_code == 302 and response.url == "/la-mia-formazione/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "nav-count" not in login(learner).get("/notifiche/").content.decode()


def test_someone_elses_notification_is_404(learner, login):
    other = make_user("altro@test.it")
    notify(other)
    notification = Notification.objects.get(user=other)
    assert login(learner).post(f"/notifiche/{notification.pk}/apri/").status_code == 404


def test_mark_all_read(learner, login):
    notify(learner, 3)
    login(learner).post("/notifiche/lette/")
    assert not Notification.objects.filter(user=learner, read_at__isnull=True).exists()


def test_anonymous_is_sent_to_login(client):
    assert client.get("/notifiche/").status_code == 302


def test_same_reason_is_never_recorded_twice(learner):
    notify(learner)
    notify(learner)
    assert learner.email_records.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Ciao {nome}", "Segnaposto sconosciuto: {nome}"),
        ("Ciao {name", "controlla le parentesi graffe"),
    ],
)
def test_template_placeholders_are_validated(db, body, message):
    template = EmailTemplate.objects.get(kind="reminder")
    template.body_it = body
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert message in " ".join(error.value.message_dict["body_it"])


def test_hr_edits_a_template_in_the_admin(hr, login):
    template = EmailTemplate.objects.get(kind="reminder")
    client = login(hr)
    url = f"/admin/snippets/notifications/emailtemplate/edit/{template.pk}/"
    data = {
        "kind": "reminder",
        "subject_it": "Ricorda {course}",
        "body_it": "Ciao {name}, {link}",
        "subject_en": "Remember {course}",
        "body_en": "Hi {name}, {link} {oops}",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Segnaposto sconosciuto: {oops}" in response.content.decode()
    data["body_en"] = "Hi {name}, {link}"
    assert client.post(url, data).status_code == 302
    # A draft: the e-mails keep the live text until a lead trainer approves.
    template.refresh_from_db()
    assert template.subject_it != "Ricorda {course}"
    assert template.get_latest_revision_as_object().subject_it == "Ricorda {course}"


def test_header_count_follows_new_and_read_notifications_at_once(
    learner, login, django_capture_on_commit_callbacks
):
    # The count is kept in the cache; every change must clear it.
    client = login(learner)
    assert "nav-count" not in client.get("/la-mia-formazione/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner, 2)
    html = client.get("/la-mia-formazione/").content.decode()
    assert '<span class="nav-count">2' in html
    notification = Notification.objects.filter(user=learner).first()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/notifiche/{notification.pk}/apri/")
    html = client.get("/la-mia-formazione/").content.decode()
    assert '<span class="nav-count">1' in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/notifiche/lette/")
    assert "nav-count" not in client.get("/la-mia-formazione/").content.decode()


def test_a_stored_reminder_written_for_the_bare_number_reads_right(db):
    """Templates stored before `{days}` carried its noun ("tra {days} giorni")
    are reworded by the data migration, so no reminder says "1 giorno giorni"."""
    import importlib

    from django.apps import apps

    from notifications.models import EmailTemplate

    template = EmailTemplate.objects.get(kind="reminder")
    template.subject_it = "Promemoria: «{course}» scade tra {days} giorni"
    template.body_en = "Due in {days} days: {link}"
    template.save()
    migration = importlib.import_module(
        "notifications.migrations.0007_days_carry_their_noun"
    )
    migration.forwards(apps, None)
    template.refresh_from_db()
    assert template.subject_it == "Promemoria: «{course}» scade tra {days}"
    assert template.body_en == "Due in {days}: {link}"


def test_the_next_page_link_shows_the_older_notifications(learner, login):
    notify(learner, 27)
    client = login(learner)
    first = client.get("/notifiche/").content.decode()
    assert first.count("Da leggere") == 25 and "Pagina 1 di 2" in first
    link = re.search(r'<a href="([^"]+)">Successiva</a>', first).group(1)
    second = client.get("/notifiche/" + html.unescape(link)).content.decode()
    assert second.count("Da leggere") == 2 and "Pagina 2 di 2" in second
    link = re.search(r'<a href="([^"]+)">Precedente</a>', second).group(1)
    assert (
        "Pagina 1 di 2"
        in client.get("/notifiche/" + html.unescape(link)).content.decode()
    )
