"""Faults: a full disk while storing a certificate PDF; the database going away
in the middle of a quiz submission (on a private PostgreSQL instance)."""

import pytest
from django.test import Client

from bench.load_test import first_choices
from certificates.models import Certificate
from tests.builders import certify_through_pages

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
