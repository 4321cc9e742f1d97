"""The production stack through its public surface: health endpoints, request
IDs in responses and logs, the Redis cache and task queue when Redis is down, a
real RQ worker process, and `check --deploy` under production settings."""

import json
import logging
import os
import subprocess
import sys

import pytest
import redis
import rq
from django.core.cache import caches

from certificates.models import Certificate
from lms.logging import JsonFormatter, RequestIdFilter
from lms.settings.base import tasks_settings
from tests.builders import certify_through_pages
from tests.ops.conftest import BURST_WORKER, ROOT, manage, run_burst_worker
from tests.pdfs import pdf_text
from tests.signing import production_signing_files


def test_liveness_touches_nothing(client, db):
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_cache_and_queue(client, db):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok"},
    }


def test_request_id_is_echoed_and_generated(client, db):
    given = client.get("/health/live/", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert given["X-Request-ID"] == "proxy-abc-12345"
    made = client.get("/health/live/", HTTP_X_REQUEST_ID="<script>")
    assert made["X-Request-ID"] != "<script>"
    assert len(made["X-Request-ID"]) == 32


def test_log_lines_are_json_with_the_request_id(client, db):
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/non-esiste-proprio/", HTTP_X_REQUEST_ID="trace-0001-xyz")
    finally:
        logger.removeHandler(handler)
    entries = [json.loads(line) for line in lines]
    assert entries, "a 404 is logged by django.request"
    assert entries[0]["request_id"] == "trace-0001-xyz"
    assert entries[0]["level"] == "WARNING"
    assert entries[0]["status_code"] == 404


@pytest.fixture
def redis_cache(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    yield caches["default"]


def test_pages_serve_and_logins_work_while_redis_is_down(
    client, redis_cache, private_redis, learner, catalogue
):
    redis_cache.set("probe", "up")
    assert redis_cache.get("probe") == "up"
    private_redis.stop()

    assert client.get("/").status_code == 200
    # Login goes through allauth's rate limiter, which lives in the cache.
    response = client.post(
        "/account/login/", {"login": learner.email, "password": "test-pass-123"}
    )
    assert response.status_code == 302
    assert client.get("/la-mia-formazione/").status_code == 200
    ready = client.get("/health/ready/")
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == "error"
    assert redis_cache.get("probe", "miss") == "miss"

    private_redis.start()
    # The readiness probe finds Redis back, and the cache is used again at once.
    assert client.get("/health/ready/").status_code == 200
    redis_cache.set("probe", "back")
    assert redis_cache.get("probe") == "back"


def test_tasks_run_inline_while_redis_is_down_and_queue_when_it_returns(
    client,
    settings,
    private_redis,
    learner,
    catalogue,
    django_capture_on_commit_callbacks,
):
    from tests.builders import make_course

    settings.RQ_QUEUES = {"default": {"URL": private_redis.url}}
    settings.TASKS = tasks_settings("lms.tasks_backend.ResilientRQBackend")
    client.force_login(learner)
    private_redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        first = certify_through_pages(client, make_course(catalogue, title="Primo"))
    first.refresh_from_db()
    assert first.pdf_sha256, "rendered inline while the queue was down"

    private_redis.start()
    with django_capture_on_commit_callbacks(execute=True):
        second = certify_through_pages(client, make_course(catalogue, title="Secondo"))
    second.refresh_from_db()
    assert not second.pdf_sha256
    queued = rq.Queue("default", connection=redis.Redis.from_url(private_redis.url))
    renders = [
        list(job.args)
        for job in queued.jobs
        if job.func_name == "certificates.tasks.render_certificate"
    ]
    assert renders == [[second.pk]]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_rq_worker_process_renders_the_pdf(
    client, settings, shared_redis_url, process_env, learner, course
):
    settings.RQ_QUEUES = {"default": {"URL": shared_redis_url}}
    settings.TASKS = tasks_settings("django_tasks_rq.RQBackend")
    client.force_login(learner)
    certificate = certify_through_pages(client, course)
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 202

    env = dict(
        process_env,
        LMS_TEST_TASKS_BACKEND="django_tasks_rq.RQBackend",
        TASKS_REDIS_URL=shared_redis_url,
    )
    run_burst_worker(manage(*BURST_WORKER), env)

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.pdf_sha256
    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert certificate.display_code in pdf_text(b"".join(response.streaming_content))


def production_env(**overrides) -> dict[str, str]:
    """A complete production environment (nothing insecure, nothing missing)."""
    key, cert = production_signing_files()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET", "REDIS", "TASKS_", "LMS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="k7#Qp2!vX9@mL4$wR8^tY6&nB3*zF5(hJ1)dS0-gC7+eA2=uW9_iO4~pK8" * 1,
        ALLOWED_HOSTS="lms.example.com",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/i8_prod_unused",
        SITE_URL="https://lms.example.com",
        EMAIL_HOST="smtp.example.com",
        REDIS_URL="redis://127.0.0.1:6379/8",
        CERTIFICATES_SIGNING_KEY=key,
        CERTIFICATES_SIGNING_CERT=cert,
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run(
        manage("check", "--deploy", "--fail-level", "WARNING"),
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_whitenoise_redis_and_rq_and_s3_by_setting():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND']); "
        "print(s.STORAGES['default']['BACKEND']); "
        "print(s.CACHES['default']['BACKEND']); print(s.TASKS['default']['BACKEND']); "
        "print(s.SESSION_ENGINE); print(s.DATABASES['default']['CONN_MAX_AGE']); "
        "print(s.PASSWORD_HASHERS[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="lms-media"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "storages.backends.s3.S3Storage",
        "lms.cache.RedisCache",
        "lms.tasks_backend.ResilientRQBackend",
        # Sessions in the database (never kept alive by a cache), database
        # connections kept between requests, Argon2id passwords.
        "django.contrib.sessions.backends.db",
        "60",
        "lms.hashers.OwaspArgon2PasswordHasher",
    ]


def test_a_worker_with_a_broken_signing_key_still_starts(settings, monkeypatch, caplog):
    """The worker's warm-up renders and signs a sample before the first job. A
    missing signing key must not stop the worker serving its other tasks
    (e-mails): the failure is logged, and certificate jobs will report it."""
    import gc

    from certificates.signing import signer
    from lms.tasks_backend import prepare_worker_process

    for name in ("CERTIFICATES_SIGNING_KEY", "CERTIFICATES_SIGNING_CERT"):
        monkeypatch.delenv(name, raising=False)
    settings.CERTIFICATES_SIGNING_KEY = None
    settings.CERTIFICATES_SIGNING_CERT = None
    settings.CERTIFICATES_REQUIRE_SIGNING_KEY = True
    signer.cache_clear()
    try:
        prepare_worker_process()
    finally:
        signer.cache_clear()
        gc.unfreeze()
    (record,) = [r for r in caplog.records if r.name == "lms.tasks"]
    assert record.getMessage() == (
        "could not prepare the worker: certificates.pdf.warm_up"
    )
    assert "CERTIFICATES_SIGNING_KEY" in str(record.exc_info[1])
