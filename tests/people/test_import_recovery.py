"""An import whose worker died, or that no worker took, does not stay "in corso"
for ever: after `LMS_IMPORT_STALE_AFTER` without a committed batch its status
page says it stopped and offers its uploader "Riprendi", which queues it once
to go on after the last committed batch; the daily job ends a run left so for
a day."""

import html
import re
import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.settings.base import tasks_settings
from people import import_apply, roles
from people.models import PeopleImport, User
from people.tasks import apply_people_import
from tests.builders import make_user, post_new_person
from tests.forms import form_values
from tests.people.test_import import preview, text
from tests.people.test_import_runs import FILE, _existing

NEW_PEOPLE = ["anna@test.it", "luca@test.it", "carla@test.it"]


class WorkerKilled(BaseException):
    """What a SIGKILL leaves: the task stops where it is, and no handler of
    the apply runs (the immediate backend records the task as failed)."""


@pytest.fixture
def small_batches(settings):
    settings.LMS_IMPORT_BATCH_ROWS = 2
    settings.LMS_IMPORT_STALE_AFTER = 15 * 60


@pytest.fixture
def worker_dies_after_first_batch(monkeypatch):
    applied = import_apply._Batch.apply

    def apply_then_die(self, run, rows):
        applied(self, run, rows)  # committed with the run's counters
        raise WorkerKilled

    monkeypatch.setattr(import_apply._Batch, "apply", apply_then_die)
    return monkeypatch.undo


def later(minutes):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def status_page(client, run):
    return client.get(f"/hr/persone/importa/{run.pk}/stato/").content.decode()


def click(client, page, label):
    """Press the button `label` of the page as a browser does: its form's
    fields to its action; then open the page the answer leads to."""
    for form in re.findall(r"<form\b.*?</form>", page, re.S):
        if re.search(rf"<button[^>]*>\s*{re.escape(label)}\s*</button>", form):
            action = re.search(r'action="([^"]+)"', form).group(1)
            return client.post(action, dict(form_values(form)))
    raise AssertionError(f"no button {label!r} on the page")


def follow(client, response):
    while response.status_code == 302:
        response = client.get(response["Location"])
    return response.content.decode()


def invitations_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_a_run_whose_worker_died_is_resumed_once_by_its_uploader(
    login, hr, small_batches, worker_dies_after_first_batch
):
    _existing()
    client = login(hr)
    url, _page = preview(client, FILE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url)
    run = PeopleImport.objects.get()
    page = status_page(client, run)
    assert "Stato: In corso" in text(page)
    assert "Righe elaborate: 2 su 5" in text(page)
    assert 'http-equiv="refresh"' in page
    assert "Riprendi" not in page  # a run that moves is left alone

    worker_dies_after_first_batch()  # the next worker is a healthy one
    with later(16):
        page = status_page(client, run)
        shown = text(page)
        assert "Stato: Interrotta" in shown
        assert (
            "L'importazione si è interrotta: nessuna riga elaborata da più di "
            "15 minuti." in shown
        )
        assert "Le righe già elaborate restano applicate" in shown
        assert 'http-equiv="refresh"' not in page
        # A double click: the second request finds the run queued again.
        with TestCase.captureOnCommitCallbacks() as queued:
            first = click(client, page, "Riprendi")
            click(client, page, "Riprendi")
        assert len(queued) == 1
        # The job of the dead worker's attempt, handed out late by a queue,
        # does nothing.
        with TestCase.captureOnCommitCallbacks(execute=True):
            apply_people_import.enqueue(run.pk, 0)
        run.refresh_from_db()
        assert (run.status, run.rows_done, run.attempt) == ("queued", 2, 1)
        shown = text(status_page(client, run))
        assert "Importazione ripresa" in shown
        assert "Stato: In coda" in shown
        with TestCase.captureOnCommitCallbacks(execute=True):
            queued[0]()
        shown = text(follow(client, first))
    assert "Stato: Completata" in shown
    assert "Righe elaborate: 5 su 5" in shown
    assert "Nuove persone 3" in shown and "Aggiornamenti 1" in shown
    assert "Invariate 1" in shown and "Rifiutate 0" in shown
    # Every row applied once: each new person exists once and was invited once.
    for address in NEW_PEOPLE:
        assert User.objects.filter(email=address).count() == 1
        assert len(invitations_to(address)) == 1
    assert User.objects.get(employee_id="A1").manager.employee_id == "M1"
    assert User.objects.get(employee_id="OLD").last_name == "Nuovo-cognome"
    resumed = ModelLogEntry.objects.get(action="lms.people.import_resume")
    assert (resumed.user_id, resumed.data["rows_done"]) == (hr.pk, 2)
    assert ModelLogEntry.objects.filter(action="lms.people.import").count() == 1


def test_a_run_no_worker_took_is_offered_again(login, hr, small_batches):
    client = login(hr)
    url, _page = preview(client, FILE)
    with TestCase.captureOnCommitCallbacks():  # queued where no worker runs
        client.post(url)
    run = PeopleImport.objects.get()
    with later(14):
        assert "Riprendi" not in status_page(client, run)
    with later(16):
        page = status_page(client, run)
        assert "Stato: In coda" in text(page)
        assert (
            "Nessun servizio in background ha preso in carico l'importazione da più "
            "di 15 minuti." in text(page)
        )
        with TestCase.captureOnCommitCallbacks(execute=True):
            resumed = click(client, page, "Riprendi")
        shown = text(follow(client, resumed))
    assert "Stato: Completata" in shown
    assert User.objects.filter(employee_id__in=["A1", "A2", "M1"]).count() == 3


def test_resume_is_for_the_uploader_of_a_stopped_run_only(
    client, login, hr, small_batches
):
    url, _page = preview(login(hr), FILE)
    with TestCase.captureOnCommitCallbacks():
        client.post(url)
    run = PeopleImport.objects.get()
    resume = f"/hr/persone/importa/{run.pk}/riprendi/"
    # Not stopped yet: nothing is queued, and a GET changes nothing.
    with TestCase.captureOnCommitCallbacks() as queued:
        assert client.post(resume)["Location"].endswith("/stato/")
        assert client.get(resume).status_code == 405
    assert not queued
    client.force_login(make_user("hr2@test.it", role=roles.HR))
    with later(16), TestCase.captureOnCommitCallbacks() as queued:
        assert client.post(resume).status_code == 404
    assert not queued
    assert PeopleImport.objects.get().attempt == 0


def test_the_daily_job_ends_a_run_left_stopped_for_a_day(
    login, hr, small_batches, worker_dies_after_first_batch
):
    client = login(hr)
    url, _page = preview(client, FILE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url)
    run = PeopleImport.objects.get()
    with later(60), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("lms_daily")
    assert PeopleImport.objects.get().status == "running"  # still HR's to resume
    with later(25 * 60), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("lms_daily")
        call_command("lms_daily")  # idempotent
        page = status_page(client, run)
    shown = html.unescape(text(page))
    assert "Stato: Non riuscita" in shown
    assert "L'importazione si è interrotta e non è stata ripresa entro un giorno." in (
        shown
    )
    assert "Righe elaborate: 2 su 5" in shown
    assert "Riprendi" not in page
    failed = ModelLogEntry.objects.get(action="lms.people.import_failed")
    assert failed.data["rows_done"] == 2


@pytest.fixture
def redis_down(settings):
    """The production backend (RQ that runs a task inline while Redis is down)
    with its Redis at a port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    queue = {**settings.RQ_QUEUES["default"], "URL": f"redis://127.0.0.1:{port}/0"}
    settings.RQ_QUEUES = {"default": queue}
    settings.TASKS = tasks_settings("lms.tasks_backend.ResilientRQBackend")


def test_with_the_queue_down_an_import_waits_while_an_invitation_goes_inline(
    login, hr, redis_down
):
    """The import's task is declared never to run inline (minutes of work in a
    web request); other tasks, such as a new person's invitation, still run
    inline while the queue is down."""
    client = login(hr)
    url, _page = preview(client, FILE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmed = client.post(url)
    shown = text(follow(client, confirmed))
    assert "Stato: In coda" in shown
    assert "non è raggiungibile" in shown and "Riprova tra qualche minuto" in shown
    assert not User.objects.filter(employee_id="A1").exists()  # not run inline
    assert PeopleImport.objects.get().rows_done == 0

    with TestCase.captureOnCommitCallbacks(execute=True):
        post_new_person(client, email="nuova@test.it", first_name="Nina")
    assert invitations_to("nuova@test.it")
