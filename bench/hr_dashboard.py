"""HR dashboard benchmark: 10,000 employees, 200 departments, 10 certifications
and a year of history, then the pages HR uses most and a 100,000-row export.

    .venv/bin/python bench/hr_dashboard.py                       # SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/i7_hr_bench \\
        .venv/bin/python bench/hr_dashboard.py                   # PostgreSQL

    .venv/bin/python bench/hr_dashboard.py --gunicorn            # served, see below
    .venv/bin/python bench/hr_dashboard.py --reuse [--gunicorn]  # the data as built

The database is created from scratch (migrations, then bulk inserts). Times are
server time through Django's test client, the best of several runs; query
counts come from the same request. With --gunicorn the same pages are requested
over HTTP from one gunicorn worker under production settings instead
(bench/hr_gunicorn.py), with the worker's CPU and memory.
"""

import contextlib
import datetime
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
REUSE = "--reuse" in sys.argv  # keep the data of the previous run
GUNICORN = "--gunicorn" in sys.argv
if not os.environ.get("DATABASE_URL"):
    _path = Path(tempfile.gettempdir()) / "hr-bench.sqlite3"
    if not REUSE:
        _path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{_path}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

EMPLOYEES = 10_000
DEPARTMENTS = 200
CERTIFICATIONS = 10
RUNS = 7


def prepare_database():
    if connection.vendor == "postgresql":
        from django.db import connections

        name = settings.DATABASES["default"]["NAME"]
        connection.close()
        settings.DATABASES["default"]["NAME"] = "postgres"
        maintenance = connections.create_connection("default")
        maintenance.connect()
        maintenance.connection.autocommit = True
        with maintenance.connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        maintenance.close()
        settings.DATABASES["default"]["NAME"] = name
        connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)


def build():
    from certificates.models import Certificate
    from certifications.models import Certification, CertificationStatus
    from courses.models import Enrollment
    from people import roles
    from people.models import Department, User
    from quizzes.models import Attempt
    from tests.builders import make_course, make_site, make_user

    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    catalogue = make_site()
    courses = [make_course(catalogue, title=f"Corso {n}", modules=1) for n in range(3)]
    departments = Department.objects.bulk_create(
        Department(name=f"Reparto {n:03d}", code=f"reparto-{n:03d}")
        for n in range(DEPARTMENTS)
    )
    hr = make_user("hr@bench.it", role=roles.HR, first_name="Elena")
    from django.contrib.auth.hashers import make_password

    password = make_password(None)
    first = ["Anna", "Luca", "Sara", "Marco", "Giulia", "Paolo", "Elisa", "Davide"]
    last = ["Rossi", "Bianchi", "Ricci", "Conti", "Greco", "Bruno", "Gallo", "Costa"]
    people = User.objects.bulk_create(
        (
            User(
                email=f"p{n:05d}@bench.it",
                employee_id=f"E{n:05d}",
                first_name=rng.choice(first),
                last_name=f"{rng.choice(last)}{n}",
                department=departments[n % DEPARTMENTS],
                hire_date=today - datetime.timedelta(days=rng.randint(0, 3000)),
                password=password,
            )
            for n in range(EMPLOYEES)
        ),
        batch_size=2000,
    )
    managers = people[::25]
    for index, person in enumerate(people):
        if person not in managers:
            person.manager_id = managers[index % len(managers)].pk
    User.objects.bulk_update(people, ["manager"], batch_size=2000)
    certifications = Certification.objects.bulk_create(
        Certification(name=f"Certificazione {n}", validity_months=12)
        for n in range(CERTIFICATIONS)
    )
    statuses = []
    weights = [
        ("certified", 60),
        ("expiring", 8),
        ("expired", 7),
        ("overdue", 8),
        ("not_started", 10),
        ("in_progress", 7),
    ]
    names = [w[0] for w in weights]
    cum = [w[1] for w in weights]
    for person in people:
        for certification in certifications:
            status = rng.choices(names, cum)[0]
            valid_until = due = None
            if status in ("certified", "expiring"):
                valid_until = today + datetime.timedelta(days=rng.randint(1, 365))
            elif status == "expired":
                valid_until = today - datetime.timedelta(days=rng.randint(1, 200))
            else:
                due = today + datetime.timedelta(days=rng.randint(-60, 60))
            statuses.append(
                CertificationStatus(
                    user=person,
                    certification=certification,
                    status=status,
                    valid_until=valid_until,
                    due_date=due,
                )
            )
    CertificationStatus.objects.bulk_create(statuses, batch_size=5000)
    del statuses
    # A year of history: one enrolment, attempt and certificate per person and
    # course for a third of the company.
    history = people[: EMPLOYEES // 3]
    for course in courses:
        enrollments = Enrollment.objects.bulk_create(
            (Enrollment(user=p, course=course) for p in history), batch_size=2000
        )
        attempts = Attempt.objects.bulk_create(
            (
                Attempt(
                    user=e.user,
                    quiz=course.quiz,
                    course=course,
                    submitted_at=now - datetime.timedelta(days=rng.randint(0, 365)),
                    score=90,
                    pass_mark=80,
                    passed=True,
                )
                for e in enrollments
            ),
            batch_size=2000,
        )
        Certificate.objects.bulk_create(
            (
                Certificate(
                    user=a.user,
                    course=course,
                    enrollment=e,
                    attempt=a,
                    holder_name=a.user.get_full_name(),
                    course_title=course.title,
                    score=a.score,
                    issued_at=a.submitted_at,
                    expires_at=(a.submitted_at + datetime.timedelta(days=365)).date(),
                )
                for e, a in zip(enrollments, attempts, strict=True)
            ),
            batch_size=2000,
        )
    return hr, people[0], departments[7], managers[3]


@contextlib.contextmanager
def nothing_recorded():
    """The first page when the daily job has recorded no figures for 30 days
    ago (a new installation): the trend is derived from the history. Then the
    record is written as the daily job of that time would have (here from
    today's table: the same rows and the same query shape)."""
    from certifications.models import StatusCount
    from certifications.services import status_counts_record

    StatusCount.objects.all().delete()
    yield
    status_counts_record(day=timezone.localdate() - datetime.timedelta(days=30))


class Page(NamedTuple):
    name: str
    who: str | None  # who is signed in: "hr", "manager" or nobody
    path: str
    query: dict
    # The state of the data its requests need, set up around them.
    around: Callable = contextlib.nullcontext


def pages(person, department) -> list[Page]:
    """What both modes measure, in this order. The first is the baseline: the
    sign-in page, a plain template with the site's layout. Every page is also
    given as a ratio to it, which survives a busier or slower machine better
    than milliseconds."""
    one_department = {"department": department.pk}
    return [
        Page("baseline: sign-in page", None, "/account/login/", {}),
        Page(
            "dashboard, first page, nothing recorded 30 days ago",
            "hr",
            "/hr/conformita/",
            {},
            around=nothing_recorded,
        ),
        Page("dashboard, first page", "hr", "/hr/conformita/", {}),
        Page(
            "dashboard, filtered page",
            "hr",
            "/hr/conformita/",
            {**one_department, "status": "overdue", "sort": "-hire_date"},
        ),
        Page("dashboard, manager's team", "manager", "/hr/conformita/", {}),
        Page("dashboard, page 100", "hr", "/hr/conformita/", {"page": 100}),
        Page("people directory", "hr", "/hr/persone/", {"q": "rossi"}),
        Page("transcript", "hr", f"/hr/storico/{person.pk}/", {}),
        Page("training status (people × courses)", "hr", "/hr/stato-formazione/", {}),
        Page(
            "training status, one department",
            "hr",
            "/hr/stato-formazione/",
            one_department,
        ),
    ]


EXPORTS = [
    ("CSV export", "/hr/conformita/esporta.csv", "csv"),
    ("XLSX export", "/hr/conformita/esporta.xlsx", "xlsx"),
]


def measure(client, url, params=None):
    from django.core.cache import cache

    cache.clear()  # the first run is cold: no cached figures
    times, cpu, queries, status = [], [], None, None
    for _ in range(RUNS):
        reset_queries()
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            cpu_start = time.process_time()
            response = client.get(url, params or {})
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
            cpu.append((time.process_time() - cpu_start) * 1000)
            elapsed = (time.perf_counter() - start) * 1000
        times.append(elapsed)
        queries = len(context)
        status = response.status_code
    return {
        "cold_ms": times[0],
        "best_ms": min(times[1:]),
        "median_ms": statistics.median(times[1:]),
        # This process's CPU (Python, templates; SQLite's work too, as it runs
        # in-process): steadier than wall time on a shared machine.
        "cpu_ms": statistics.median(cpu[1:]),
        "queries": queries,
        "status": status,
    }


def export(client, url, params=None, trace=True):
    gc.collect()
    start = time.perf_counter()
    response = client.get(url, params or {})
    rows = -1  # header
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    if not trace:
        return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds}
    gc.collect()
    tracemalloc.start()
    response = client.get(url, params or {})
    for _chunk in response.streaming_content:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "peak_mb": peak / 1024 / 1024,
    }


def main():
    import resource

    vendor = connection.vendor
    started = time.perf_counter()
    if REUSE:
        from people.models import Department, User

        hr = User.objects.get(email="hr@bench.it")
        person = User.objects.get(employee_id="E00000")
        department = Department.objects.get(code="reparto-007")
        manager = User.objects.get(employee_id="E00075")
    else:
        prepare_database()
        hr, person, department, manager = build()
    # The planner's statistics, as autovacuum (PostgreSQL) or a maintained
    # database would have them after bulk inserts: without them PostgreSQL
    # guesses a few hundred people and sorts where an index would serve.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"[{vendor}] built in {time.perf_counter() - started:.1f}s", flush=True)
    if GUNICORN:
        from bench.hr_gunicorn import run

        run(
            vendor=vendor,
            users={"hr": hr, "manager": manager},
            pages=pages(person, department),
            exports=EXPORTS,
        )
        return
    clients = {None: Client(), "hr": Client(), "manager": Client()}
    clients["hr"].force_login(hr)
    clients["manager"].force_login(manager)
    results = {}
    for page in pages(person, department):
        with page.around():
            results[page.name] = measure(clients[page.who], page.path, page.query)
    baseline = results["baseline: sign-in page"]
    client = clients["hr"]
    from hr import compliance

    statuses = compliance.statuses_for(compliance.scope_q(hr, "user__"))
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            compliance.figures(statuses)
            times.append((time.perf_counter() - start) * 1000)
    results["headline + department figures (selector, uncached)"] = {
        "cold_ms": times[0],
        "best_ms": min(times),
        "median_ms": statistics.median(times),
        "cpu_ms": float("nan"),
        "queries": len(context),
        "status": "-",
    }
    print(f"\n## {vendor}\n")
    print(
        "| measure | first (cold) ms | best ms | median ms | CPU ms (median) "
        "| × baseline (median) | queries |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['cold_ms']:.1f} | {r['best_ms']:.1f} | "
            f"{r['median_ms']:.1f} | {r['cpu_ms']:.1f} | "
            f"{r['median_ms'] / baseline['median_ms']:.1f} | {r['queries']} |"
        )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    (_, csv_path, _), (_, xlsx_path, _) = EXPORTS
    csv_export = export(client, csv_path)
    print(
        f"\nCSV export: {csv_export['rows']} rows in {csv_export['seconds']:.2f}s = "
        f"{csv_export['rows_per_s']:,.0f} rows/s; peak Python memory "
        f"{csv_export['peak_mb']:.1f} MB (tracemalloc)"
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    xlsx = export(client, xlsx_path, trace=False)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"XLSX export: 100000 rows in {xlsx['seconds']:.2f}s; max RSS before "
        f"{rss_before:.0f} MB, after {rss_after:.0f} MB"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Process max RSS (including building the data): {rss:.0f} MB")
    if vendor == "postgresql":
        connection.close()


if __name__ == "__main__":
    main()
