"""Liveness and readiness for load balancers and orchestrators.

Liveness says only that the process answers (no dependency is touched, so a
database outage never gets healthy web processes killed). Readiness checks what
a request needs: the database, the cache and the task queue.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .cache import ping

logger = logging.getLogger("lms.health")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    if getattr(cache, "client", None) is not None:  # django-redis
        ping()
        return
    cache.set("lms:health", "ok", 5)
    if cache.get("lms:health") != "ok":
        raise RuntimeError("cache did not keep a value")


def _check_tasks() -> None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.endswith("RQBackend"):
        import django_rq

        django_rq.get_connection("default").ping()
    elif backend.startswith("django_tasks_db"):
        _check_database()


CHECKS = {"database": _check_database, "cache": _check_cache, "tasks": _check_tasks}


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            logger.warning("readiness: %s failed: %s", name, exc)
            results[name] = "error"
        else:
            results[name] = "ok"
    ok = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": results},
        status=200 if ok else 503,
    )
