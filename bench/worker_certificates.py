"""Benchmark: certificates through a real RQ worker, as production runs it.

    .venv/bin/python bench/worker_certificates.py [N] [REDIS_URL]
        (defaults: 200, redis://127.0.0.1:6379/9 — a database it empties)

`bench/certificates_render.py` measures a render in one warm process. In
production a worker forks a work horse for every job, and a horse keeps
nothing. This puts N render jobs on the queue and lets `manage.py rqworker
--burst` take them, three times: with the project's worker class
(`RQ["WORKER_CLASS"]`, which builds the renderer before forking), with RQ's
plain `Worker`, and with RQ's `SimpleWorker`, which does not fork (for
comparison; it is not used). It reports milliseconds per certificate and
certificates per second for each, counting
from the first job's start to the last job's end (the worker's own start-up is
left out). Each job renders, signs and stores an unsaved certificate, as the
other benchmark does; nothing touches the database.
"""

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render_one(n: int) -> None:
    """The job: the other benchmark's render, sign and store of one certificate
    (what `certificate_store_pdf` does, minus the database)."""
    from bench.certificates_render import certificate, render_and_store

    render_and_store(certificate(n))


def run(
    worker_class: str | None, n: int, redis_url: str, media: str
) -> tuple[float, float]:
    from redis import Redis
    from rq import Queue

    redis = Redis.from_url(redis_url)
    redis.flushdb()
    queue = Queue("default", connection=redis)
    jobs = [queue.enqueue("bench.worker_certificates.render_one", i) for i in range(n)]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "TASKS_REDIS_URL": redis_url,
        "MEDIA_ROOT": media,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "manage.py", "rqworker", "--burst", "default"]
    if worker_class:
        command += ["--worker-class", worker_class]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    for job in jobs:
        job.refresh()
    failed = [job.id for job in jobs if job.get_status() != "finished"]
    if failed:
        raise SystemExit(f"{len(failed)} jobs did not finish")
    starts = [job.started_at for job in jobs]
    ends = [job.ended_at for job in jobs]
    span = (max(ends) - min(starts)).total_seconds()
    each = [(job.ended_at - job.started_at).total_seconds() for job in jobs]
    redis.flushdb()
    return span, statistics.median(each)


def main(n: int, redis_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.conf import settings

    media = tempfile.mkdtemp(prefix="bench-worker-media-")
    print(f"certificates per run: {n}   Redis: {redis_url}")
    for label, worker_class in (
        (f"warm ({settings.RQ['WORKER_CLASS']})", None),
        ("plain rq.Worker", "rq.Worker"),
        ("rq.SimpleWorker", "rq.SimpleWorker"),
    ):
        span, median = run(worker_class, n, redis_url, media)
        print(
            f"{label:45} {span / n * 1000:7.0f} ms per certificate"
            f"   {n / span:5.1f} per second   (median job {median * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200,
        sys.argv[2] if len(sys.argv) > 2 else "redis://127.0.0.1:6379/9",
    )
