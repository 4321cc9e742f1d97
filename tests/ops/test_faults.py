"""Faults: a full disk while storing a certificate PDF; the database going away
in the middle of a quiz submission (on a private PostgreSQL instance); the task
worker dying while it renders a certificate PDF."""

import contextlib
import hashlib
import os
import signal
import subprocess
import sys

import pytest
import redis
from django.test import Client
from rq.registry import StartedJobRegistry
from wagtail.log_actions import registry as log_registry

from bench.load_test import first_choices
from certificates.models import Certificate
from lms.settings.base import tasks_settings
from tests.builders import certify_through_pages
from tests.ops.conftest import BURST_WORKER, ROOT, run_burst_worker, wait_until
from tests.pdfs import pdf_text

FULL_DISK = "tests.ops.storage.FullDiskStorage"
RETRY_MESSAGE = "non è stato registrato nulla"


def test_a_full_disk_gives_a_clear_error_and_a_consistent_record(
    settings, learner, course, media_root, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(learner)
    normal = settings.STORAGES
    settings.STORAGES = {**normal, "default": {"BACKEND": FULL_DISK}}
    # The render task fails on the full disk; the pass and the certificate stay.
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert not certificate.pdf.name and not certificate.pdf_sha256

    # The download renders it again inline, and meets the full disk: a clear 503.
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code == 503
    assert RETRY_MESSAGE in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.pdf.name and not certificate.pdf_sha256
    assert not list(media_root.rglob("*.pdf"))

    # Space again: the same record renders and downloads.
    settings.STORAGES = normal
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    from certificates.tasks import render_certificate

    render_certificate.enqueue(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf_sha256
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 200
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 1


def _attempts(url: str) -> tuple[int, int]:
    """(attempts, graded attempts) in the private database."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE state = 'graded') "
            "FROM quizzes_attempt"
        ).fetchone()


@pytest.mark.slow
def test_database_restart_during_quiz_submit(private_postgres, tmp_path):
    """The database goes away while the submit waits inside its transaction: the
    learner gets a clear retry page, nothing is graded; submitting again after
    the restart grades exactly once."""
    import re
    import subprocess
    import sys
    import threading
    from pathlib import Path

    import httpx
    import psycopg

    from tests.ops.conftest import ROOT, free_port, manage, wait_until

    pg = private_postgres
    port = free_port()
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if not k.startswith(("DJANGO_", "REDIS_URL", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=pg.url,
        DB_CONN_MAX_AGE="60",
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        # The bench quiz's 12 questions on one page: this test is about the
        # submit, not the pages.
        LMS_QUIZ_QUESTIONS_PER_PAGE="12",
    )
    run = {"cwd": ROOT, "env": env, "check": True, "timeout": 300}
    subprocess.run(manage("migrate", "-v0"), **run)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "load_test.py"),
            "setup",
            "--people",
            "1",
        ],
        **run,
        capture_output=True,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)

        def answers_up():
            try:
                return client.get("/health/live/").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(answers_up, timeout=60, what="gunicorn")

        def post(path, data):
            data = {**data, "csrfmiddlewaretoken": client.cookies.get("csrftoken")}
            return client.post(path, data=data)

        client.get("/account/login/")
        login = post(
            "/account/login/",
            {"login": "bench-00000@example.com", "password": "bench-agente-2026"},
        )
        assert login.status_code == 302
        course = client.get("/corsi/bench-corso/")
        client.get("/corsi/bench-corso/")
        enrol = re.search(r'action="(/corsi/\d+/iscrizione/)"', course.text)
        if enrol:
            post(enrol.group(1), {})
        module = client.get("/corsi/bench-corso/modulo/")
        complete = re.search(r'action="(/moduli/\d+/completa/)"', module.text)
        post(complete.group(1), {})
        quiz_path = re.search(
            r'href="(/quiz/\d+/)"', client.get("/corsi/bench-corso/").text
        ).group(1)
        post(quiz_path, {"action": "start"})
        quiz = client.get(quiz_path)
        answers = first_choices(quiz.text)
        assert len(answers["shown"]) == 12

        # Hold the enrolment row: the submit blocks inside its transaction.
        locker = psycopg.connect(pg.url.replace("postgres://", "postgresql://"))
        locker.execute("SELECT id FROM courses_enrollment FOR UPDATE")
        result = {}
        submit = threading.Thread(
            target=lambda: result.update(response=post(quiz_path, answers))
        )
        submit.start()

        def submit_waits():
            row = locker.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            ).fetchone()
            return row[0] > 0

        wait_until(submit_waits, what="the submit to wait for the row lock")
        pg.stop("fast")
        submit.join(timeout=120)
        response = result["response"]
        assert response.status_code == 503
        assert RETRY_MESSAGE in response.text
        assert response.headers["Retry-After"]

        pg.start()
        # The attempt opened with the quiz page is still open, and ungraded.
        assert tuple(_attempts(pg.url)) == (1, 0)
        again = post(quiz_path, answers)
        assert again.status_code == 302
        assert "/quiz/tentativi/" in again.headers["Location"]
        assert tuple(_attempts(pg.url)) == (1, 1)
        # A double click after the submit grades nothing twice.
        post(quiz_path, answers)
        assert tuple(_attempts(pg.url)) == (1, 1)
    finally:
        server.terminate()
        server.wait(timeout=30)


# The production backend and queue settings, on the test's Redis database.
BACKEND = "lms.tasks_backend.ResilientRQBackend"


def test_the_queue_retries_only_the_tasks_safe_to_repeat(settings, shared_redis_url):
    from rq.job import Job

    from certificates.tasks import render_certificate
    from people.tasks import invite_people

    settings.RQ_QUEUES = {
        "default": {**settings.RQ_QUEUES["default"], "URL": shared_redis_url}
    }
    settings.TASKS = tasks_settings(BACKEND)
    rendered = render_certificate.enqueue(1)
    invited = invite_people.enqueue([1])  # Resends every invitation if repeated.
    connection = redis.Redis.from_url(shared_redis_url)
    assert Job.fetch(rendered.id, connection=connection).retries_left == 3
    assert Job.fetch(invited.id, connection=connection).retries_left is None


def _queue_a_certificate(client, settings, redis_url, learner, course):
    settings.RQ_QUEUES = {
        "default": {**settings.RQ_QUEUES["default"], "URL": redis_url}
    }
    settings.TASKS = tasks_settings(BACKEND)
    client.force_login(learner)
    certificate = certify_through_pages(client, course)
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 202
    return certificate


def _prepare_render(client, settings, redis_url, process_env, learner, course, tmp):
    """A certificate waiting in the queue for its PDF, and what a worker needs:
    its environment, the folder its e-mails go to, the render's marker file."""
    certificate = _queue_a_certificate(client, settings, redis_url, learner, course)
    mail_dir = tmp / "mail"
    env = _worker_env(process_env, redis_url, mail_dir)
    return certificate, env, mail_dir, tmp / "rendering.pid"


def _worker_env(process_env, redis_url, mail_dir):
    mail_dir.mkdir(exist_ok=True)
    return dict(
        process_env,
        LMS_TEST_TASKS_BACKEND=BACKEND,
        TASKS_REDIS_URL=redis_url,
        LMS_TEST_MAIL_DIR=str(mail_dir),
    )


def _launcher(*args):
    return [sys.executable, "-m", "tests.ops.blocking_worker", *args]


def _kill(pid, *, group=False):
    with contextlib.suppress(ProcessLookupError):
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)


@contextlib.contextmanager
def _blocked_worker(env, marker, log):
    """A burst worker whose first PDF render stops and writes its PID to
    `marker`. Yields (worker, horse PID); the worker runs in a session of its
    own so that it can be killed whole, and whatever the test left alive of it
    is killed on the way out."""
    worker = subprocess.Popen(
        _launcher(*BURST_WORKER),
        cwd=ROOT,
        env=dict(env, LMS_TEST_RENDER_MARKER=str(marker)),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    state = {"horse": None, "horse_killed": False}
    try:
        wait_until(
            lambda: marker.exists() or worker.poll() is not None,
            timeout=180,
            interval=0.2,
            what="the worker to start rendering the PDF",
        )
        assert marker.exists(), f"the worker ended first ({worker.returncode})"
        state["horse"] = int(marker.read_text())

        def kill_horse():
            _kill(state["horse"])
            state["horse_killed"] = True

        yield worker, kill_horse
    finally:
        if state["horse"] and not state["horse_killed"]:
            _kill(state["horse"])
        if worker.poll() is None:
            _kill(worker.pid, group=True)
            worker.wait(timeout=30)


def _run_worker(env):
    """A normal worker, as production runs it, until the queue is empty."""
    run_burst_worker(_launcher(*BURST_WORKER), env)


def _assert_delivered_once(client, learner, certificate, mail_dir):
    """What the learner sees: one certificate, whose PDF downloads, holds its
    code, matches the recorded hash, and came by e-mail once."""
    assert Certificate.objects.filter(user=learner).count() == 1
    certificate = Certificate.objects.get(pk=certificate.pk)
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert certificate.display_code in pdf_text(data)
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
    attachment = (
        f'filename="certificato-{certificate.serial or certificate.verification_code}'
        '.pdf"'
    )
    mails = [path.read_text(errors="replace") for path in mail_dir.iterdir()]
    assert sum(mail.count(attachment) for mail in mails) == 1
    assert certificate.emailed_at is not None
    emailed = [
        entry
        for entry in log_registry.get_logs_for_instance(certificate)
        if entry.action == "lms.certificate.email"
    ]
    assert len(emailed) == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_render_killed_in_the_worker_is_retried_once_into_one_certificate(
    client, settings, shared_redis_url, process_env, learner, course, tmp_path
):
    """The work horse rendering the PDF is killed (as the OOM killer would): the
    worker sees it die and puts the job back on the queue, and renders it."""
    certificate, env, mail_dir, marker = _prepare_render(
        client, settings, shared_redis_url, process_env, learner, course, tmp_path
    )
    with (
        open(tmp_path / "worker.log", "w") as log,
        _blocked_worker(env, marker, log) as (worker, kill_horse),
    ):
        kill_horse()
        assert worker.wait(timeout=240) == 0
    assert "Work-horse terminated unexpectedly" in (tmp_path / "worker.log").read_text()

    _run_worker(env)
    _assert_delivered_once(client, learner, certificate, mail_dir)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_render_lost_with_its_whole_worker_is_retried_by_the_next_worker(
    client, settings, shared_redis_url, process_env, learner, course, tmp_path
):
    """The worker and its work horse die together (the machine or container
    goes): nothing is left to see the job fail. The job stays in RQ's started
    registry until the heartbeat the dead worker last gave it expires (90
    seconds with a 300-second job timeout); a worker that starts after that
    puts it back on the queue and renders it."""
    certificate, env, mail_dir, marker = _prepare_render(
        client, settings, shared_redis_url, process_env, learner, course, tmp_path
    )
    with (
        open(tmp_path / "worker.log", "w") as log,
        _blocked_worker(env, marker, log) as (worker, kill_horse),
    ):
        # The worker first: left alive, it would see its horse die and retry
        # the job itself (the test above). The horse has a process group of
        # its own.
        _kill(worker.pid, group=True)
        worker.wait(timeout=30)
        kill_horse()

    started = StartedJobRegistry(
        "default", connection=redis.Redis.from_url(shared_redis_url)
    )
    assert started.get_job_count(cleanup=False) == 1, "the render is left started"
    wait_until(
        lambda: started.get_expired_job_ids(),
        timeout=240,
        interval=1,
        what="RQ to see the dead worker's job as abandoned",
    )
    _run_worker(env)
    _assert_delivered_once(client, learner, certificate, mail_dir)


def test_with_redis_down_an_import_waits_for_the_queue_instead_of_running_inline(
    login, hr, settings, shared_redis_url
):
    """A confirmed import is not run inside the web request while Redis is down
    (a big file would meet the web server's timeout half-way): the run stays
    queued, its page says why and offers "Riprova", which queues it once Redis
    answers again."""
    import django_rq
    from django.test import TestCase
    from rq import SimpleWorker

    from people.models import PeopleImport, User
    from tests.ops.conftest import free_port
    from tests.people.test_import import GOOD, preview, text
    from tests.people.test_import_recovery import click, follow

    down = f"redis://127.0.0.1:{free_port()}/0"
    settings.RQ_QUEUES = {"default": {**settings.RQ_QUEUES["default"], "URL": down}}
    settings.TASKS = tasks_settings(BACKEND)
    client = login(hr)
    url, _page = preview(client, GOOD)
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmed = client.post(url)
    page = follow(client, confirmed)
    shown = text(page)
    assert "Stato: In coda" in shown
    assert "non è raggiungibile" in shown and "Riprova tra qualche minuto" in shown
    assert 'http-equiv="refresh"' not in page
    assert not User.objects.filter(employee_id="M1").exists()  # not run inline
    with TestCase.captureOnCommitCallbacks(execute=True):
        again = click(client, page, "Riprova")  # still down: still waiting
    assert "non è raggiungibile" in text(follow(client, again))

    settings.RQ_QUEUES = {
        "default": {**settings.RQ_QUEUES["default"], "URL": shared_redis_url}
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        resumed = click(client, page, "Riprova")
        click(client, page, "Riprova")  # a double click queues once
    queue = django_rq.get_queue("default")
    assert queue.count == 1
    assert "Stato: In coda" in text(follow(client, resumed))
    # A worker takes it (in this process, to see this test's database).
    from django_tasks_rq import Job

    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    run = PeopleImport.objects.get()
    assert (run.status, run.attempt) == ("applied", 2)
    assert "Stato: Completata" in text(client.get(f"{url}stato/").content.decode())
    assert User.objects.filter(employee_id__in=["M1", "A1", "A2"]).count() == 3
