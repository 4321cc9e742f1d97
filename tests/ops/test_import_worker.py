"""The people import in real worker processes sharing the test's database: a
database-queue worker killed (SIGKILL) right after the first batch commits
leaves the run stopped, which its uploader resumes into a complete run; an RQ
job stopped by its timeout right after the first batch is retried by the queue
into one. Either way every row is applied once: each person exists once and
got one invitation."""

import contextlib
import os
import re
import signal
import subprocess

import pytest
from django.test import Client

from lms.settings.base import tasks_settings
from people import roles
from people.models import PeopleImport, User
from tests.builders import make_user
from tests.ops.conftest import BURST_WORKER, ROOT, run_burst_worker, wait_until
from tests.ops.test_faults import BACKEND, _launcher, _worker_env
from tests.people.test_import import csv_bytes, preview, text
from tests.people.test_import_recovery import click, follow

DB_BACKEND = "django_tasks_db.DatabaseBackend"
ROWS = 12
BATCH = 5
ADDRESSES = [f"n{n}@test.it" for n in range(ROWS)]
FILE = csv_bytes(
    *(
        f"N{n:02d},Nome{n},Cognome{n},n{n}@test.it,Assistenza,Agente,2024-01-01,,"
        for n in range(ROWS)
    )
)


def _confirm(client) -> PeopleImport:
    url, _page = preview(client, FILE)
    client.post(url)  # a real commit: the run is queued for the worker
    return PeopleImport.objects.get()


def _status(client, run) -> str:
    return client.get(f"/hr/persone/importa/{run.pk}/stato/").content.decode()


def _assert_every_row_applied_once(client, run, mail_dir):
    shown = text(_status(client, run))
    assert "Stato: Completata" in shown
    assert f"Righe elaborate: {ROWS} su {ROWS}" in shown
    assert f"Nuove persone {ROWS}" in shown and "Rifiutate 0" in shown
    mails = "".join(path.read_text(errors="replace") for path in mail_dir.iterdir())
    for address in ADDRESSES:
        assert User.objects.filter(email=address).count() == 1
        invited = re.findall(rf"^To: {re.escape(address)}$", mails, re.M)
        assert len(invited) == 1, address


def _kill_group(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_db_worker_killed_after_the_first_batch_leaves_a_run_hr_resumes(
    settings, process_env, tmp_path
):
    settings.TASKS = tasks_settings(DB_BACKEND)
    settings.LMS_IMPORT_STALE_AFTER = 2
    client = Client()
    client.force_login(make_user("hr.import@test.it", role=roles.HR))
    run = _confirm(client)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = dict(
        process_env,
        LMS_TEST_TASKS_BACKEND=DB_BACKEND,
        LMS_TEST_MAIL_DIR=str(mail_dir),
        LMS_TEST_IMPORT_BATCH_ROWS=str(BATCH),
    )
    marker = tmp_path / "importing.pid"
    with open(tmp_path / "worker.log", "w") as log:
        worker = subprocess.Popen(
            _launcher("db_worker", "--no-startup-delay", "--interval", "0.2"),
            cwd=ROOT,
            env=dict(env, LMS_TEST_IMPORT_MARKER=str(marker)),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until(
                lambda: marker.exists() or worker.poll() is not None,
                timeout=180,
                interval=0.2,
                what="the worker to commit the first batch",
            )
            assert marker.exists(), f"the worker ended first ({worker.returncode})"
            run.refresh_from_db()
            assert (run.status, run.rows_done) == ("running", BATCH)
        finally:
            _kill_group(worker)  # SIGKILL: no handler of the worker runs

    # Nothing moves it any more: after the limit the page says so.
    wait_until(
        lambda: "Stato: Interrotta" in text(_status(client, run)),
        timeout=30,
        interval=0.5,
        what="the status page to say the run stopped",
    )
    page = _status(client, run)
    assert f"Righe elaborate: {BATCH} su {ROWS}" in text(page)
    resumed = click(client, page, "Riprendi")
    click(client, page, "Riprendi")  # the double click queues nothing more
    assert "Stato: In coda" in text(follow(client, resumed))
    run.refresh_from_db()
    assert run.attempt == 1

    # A worker again (the supervisor restarted it): it runs the resumed
    # attempt and the first batch's invitations, once each.
    run_burst_worker(_launcher("db_worker", "--batch", "--no-startup-delay"), env)
    _assert_every_row_applied_once(client, run, mail_dir)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_rq_import_stopped_by_its_timeout_is_retried_after_its_last_batch(
    settings, shared_redis_url, process_env, tmp_path
):
    settings.RQ_QUEUES = {
        "default": {**settings.RQ_QUEUES["default"], "URL": shared_redis_url}
    }
    settings.TASKS = tasks_settings(BACKEND)
    # The job's timeout (set when it is queued, here), short for the test.
    settings.LMS_TASKS_TIMEOUTS = {"people.tasks.apply_people_import": 5}
    client = Client()
    client.force_login(make_user("hr.import@test.it", role=roles.HR))
    run = _confirm(client)
    mail_dir = tmp_path / "mail"
    env = dict(
        _worker_env(process_env, shared_redis_url, mail_dir),
        LMS_TEST_IMPORT_BATCH_ROWS=str(BATCH),
        LMS_TEST_IMPORT_MARKER=str(tmp_path / "importing.pid"),
    )
    worker = subprocess.run(
        _launcher(*BURST_WORKER),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert worker.returncode == 0, worker.stderr
    assert "JobTimeoutException" in worker.stdout + worker.stderr
    run.refresh_from_db()
    assert (run.attempt, run.error) == (0, "")
    _assert_every_row_applied_once(client, run, mail_dir)
