"""The RQ task backend, made to survive a Redis outage, and the queue that
retries a job whose worker died.

When Redis cannot be reached at enqueue time the task runs at once in the
current process (as the demo's immediate backend does) instead of failing the
request that asked for it: a certificate PDF is then rendered inline, slower but
never lost. Once Redis answers again, tasks go to the queue as usual. A task
too long for a request (marked `never_inline` where it is declared: a people
import of minutes would meet the web server's timeout half-way) is not run
inline: the enqueue raises `QueueUnavailable` and the caller keeps the work for
later.
"""

import gc
import logging

from django.conf import settings
from django.db import connections
from django.utils.module_loading import import_string
from django_rq.queues import DjangoRQ
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task
from django_tasks_rq import RQBackend
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq.job import Retry
from rq.timeouts import BaseTimeoutException
from rq.worker import Worker

logger = logging.getLogger("lms.tasks")

RETRIES = 3


class RetryingQueue(DjangoRQ):
    """The RQ queue (`RQ_QUEUES[...]["QUEUE_CLASS"]`) that gives the tasks above
    RQ's retry.

    A job is otherwise tried once: if the work horse rendering a PDF is killed
    (the OOM killer, a deploy), RQ marks the job failed and the certificate
    waits for its PDF for ever. With a retry RQ puts the job back on the queue:
    at once when the worker sees its horse die, or when a later worker finds
    the job abandoned by a worker that died with it (its heartbeat expired).
    No interval: an interval would need the RQ scheduler running beside the
    workers, and a retry that waits for it would be lost where it is not.

    The retry goes here because django-tasks-rq builds the job itself and
    offers no retry option; the queue class is what django-rq lets settings
    choose, and the backend's inline fallback is left as it is.
    """

    def create_job(self, func, *args, retry=None, timeout=None, **kwargs):
        # Tasks that may run again from the start (settings
        # `LMS_TASKS_SAFE_TO_RETRY`): each finds what a previous run already did
        # and does not do it twice.
        safe = getattr(settings, "LMS_TASKS_SAFE_TO_RETRY", ())
        if retry is None and isinstance(func, str) and func in safe:
            retry = Retry(max=RETRIES)
        # A long task (`LMS_TASKS_TIMEOUTS`) would otherwise be killed at the
        # queue's default timeout, and then retried into the same end.
        if timeout is None and isinstance(func, str):
            timeout = getattr(settings, "LMS_TASKS_TIMEOUTS", {}).get(func)
        return super().create_job(func, *args, retry=retry, timeout=timeout, **kwargs)


# What a worker raises inside a job it stops (RQ's job timeout): the job is not
# wrong, it ran out of time, and the queue retries it if it is safe to retry.
JOB_STOPPED = (BaseTimeoutException,)


class QueueUnavailable(Exception):
    """The queue is down and the task may not run inline instead."""


# The mark `never_inline` leaves on a task's function. On the function, not the
# task: a task is a frozen dataclass, and `task.using(...)` makes a new one
# around the same function, which must keep the mark.
NEVER_INLINE = "lms_never_inline"


def never_inline(task: Task) -> Task:
    """Mark a task too long to run inside a web request (applied where the task
    is declared, over `@task()`): while Redis is down its enqueue raises
    `QueueUnavailable`, for the caller to keep the work and queue it later,
    instead of running it inline as other tasks are."""
    setattr(task.func, NEVER_INLINE, True)
    return task


def is_never_inline(task: Task) -> bool:
    return getattr(task.func, NEVER_INLINE, False)


class ResilientRQBackend(RQBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self._inline = ImmediateBackend(alias, {"QUEUES": list(self.queues)})

    def enqueue(self, task, args, kwargs):
        try:
            return super().enqueue(task, args, kwargs)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            if is_never_inline(task):
                logger.warning(
                    "task queue unavailable, %s not queued: %s", task.name, exc
                )
                raise QueueUnavailable(task.module_path) from exc
            logger.warning(
                "task queue unavailable, running %s inline: %s", task.name, exc
            )
            return self._inline.enqueue(task, args, kwargs)


class WarmWorker(Worker):
    """The RQ worker (`RQ["WORKER_CLASS"]`): it runs the apps' warm-ups (the
    certificate renderer) before taking jobs, so that the work horses it forks
    inherit what they built.

    RQ forks a work horse for each job, which keeps a crash or a leak in one job
    from taking the worker down, but a horse starts from the worker's memory
    and leaves nothing behind. Warmed here, a certificate costs its render
    and the fork (0.14–0.16 s) instead of also building WeasyPrint's fonts and
    stylesheet and loading the signing key (0.39–0.45 s).

    `gc.freeze()` afterwards moves everything built so far out of the garbage
    collector's sight: the horses' collections no longer walk the framework's
    objects, and so no longer copy the memory pages that hold them.
    """

    def work(self, *args, **kwargs):
        prepare_worker_process()
        return super().work(*args, **kwargs)


def prepare_worker_process() -> None:
    """What a worker does once before its first job (also what
    `bench/certificates_render.py` does, to measure the same process): the
    warm-ups the apps name in `LMS_WORKER_WARM_UPS`."""
    for path in getattr(settings, "LMS_WORKER_WARM_UPS", ()):
        try:
            import_string(path)()
        except Exception:
            # A broken signing key must not stop the worker's other tasks
            # (e-mails); the jobs that need it will fail and say why.
            logger.exception("could not prepare the worker: %s", path)
    # The horses must open their own database connections, never share one
    # inherited from here.
    connections.close_all()
    gc.collect()
    gc.freeze()
