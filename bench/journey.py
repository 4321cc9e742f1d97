"""The load test's journey in one process: where each step's time goes.

    # the settings and database of docs/load-test.md, after `load_test.py setup`
    .venv/bin/python bench/journey.py --people 30 [--first-person 4000]
    .venv/bin/python bench/journey.py --people 30 --profile journey.prof

Runs the journey of `bench/load_test.py` (login page, login, module, complete,
quiz, submit, learner home, following every redirect) for fresh bench people
through Django's test client, with no concurrency and no network, and prints the
median wall time, CPU time and number of queries of each step, and the CPU
time of the process per journey (the CPU is what a busy shared machine
distorts least). The first journey warms the process and is left out.
With --profile, a cProfile of the measured journeys is written for pstats.

The load test says whether the target is met; this says which step to look at.
"""

import argparse
import contextlib
import cProfile
import os
import re
import statistics
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--first-person", type=int, default=4000)
    parser.add_argument("--course", default="/corsi/bench-corso/")
    parser.add_argument("--profile", default="")
    parser.add_argument(
        "--every",
        type=int,
        default=0,
        help="also print the CPU per journey of each block of this many journeys "
        "(a process that slows down as it serves shows here)",
    )
    parser.add_argument(
        "--sql", action="store_true", help="print the queries of the last journey"
    )
    parser.add_argument(
        "--where",
        action="store_true",
        help="with --sql, name the project code (file:line) that ran each query",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from load_test import EMAIL, PASSWORD, first_choices

    host = settings.ALLOWED_HOSTS[0]
    origin = f"https://{host}/"
    samples: dict[str, list[tuple[float, int, float]]] = defaultdict(list)
    last_sql: dict[str, list[str]] = {}
    callers: list[str] = []
    project = str(Path(__file__).resolve().parent.parent) + os.sep

    def where(execute, sql, params, many, context):
        """The innermost frames of the project's own code behind a query."""
        frames = [
            f"{f.filename[len(project) :]}:{f.lineno}"
            for f in traceback.extract_stack()
            if f.filename.startswith(project)
            and "/bench/" not in f.filename
            # a virtualenv inside the checkout is not the project's code
            and "/site-packages/" not in f.filename
        ]
        callers.append(" < ".join(reversed(frames[-3:])))
        return execute(sql, params, many, context)

    def step(client, name, method, path, data=None):
        ip = f"10.{client.n // 250 % 250}.{client.n % 250}.9"
        """One user action and the redirects it leads to, each its own sample."""
        for hop in range(5):
            label = name if hop == 0 else f"{name} →"
            callers.clear()
            with (
                CaptureQueriesContext(connection) as queries,
                connection.execute_wrapper(where)
                if args.where
                else contextlib.nullcontext(),
            ):
                started = time.perf_counter()
                started_cpu = time.process_time()
                call = client.post if method == "POST" else client.get
                response = call(
                    path,
                    data or {},
                    secure=True,
                    HTTP_HOST=host,
                    HTTP_REFERER=origin,
                    HTTP_X_REAL_IP=ip,
                )
                elapsed = time.perf_counter() - started
                spent = time.process_time() - started_cpu
            samples[label].append((elapsed, len(queries), spent))
            last_sql[label] = [
                f"{q['sql'][:160]}  [{callers[i] if i < len(callers) else ''}]"
                if args.where
                else q["sql"]
                for i, q in enumerate(queries)
            ]
            if response.status_code >= 400:
                raise SystemExit(f"{label}: {response.status_code} at {path}")
            if response.status_code not in (301, 302):
                return response
            path, method, data = response["Location"], "GET", None
        return response

    def csrf(client):
        return client.cookies["csrftoken"].value

    # One client, as one gunicorn worker has one handler (a new client would
    # load the middleware again, whitenoise's file scan included).
    client = Client(enforce_csrf_checks=True)

    def journey(n):
        client.cookies.clear()
        client.n = n  # each person its own address, as behind the proxy
        step(client, "login page", "GET", "/account/login/")
        step(
            client,
            "login",
            "POST",
            "/account/login/",
            {
                "login": EMAIL.format(n),
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf(client),
            },
        )
        module = step(client, "module", "GET", args.course + "modulo/")
        complete = re.search(
            r'action="(/moduli/\d+/completa/)"', module.content.decode()
        )
        if complete is None:
            raise SystemExit(f"{EMAIL.format(n)}: no completion form (used already?)")
        course = step(
            client,
            "complete",
            "POST",
            complete[1],
            {"csrfmiddlewaretoken": csrf(client)},
        )
        quiz_path = re.search(r'href="(/quiz/\d+/)"', course.content.decode())[1]
        quiz = step(
            client,
            "quiz",
            "POST",
            quiz_path,
            {"csrfmiddlewaretoken": csrf(client), "action": "start"},
        )
        answers = {
            "csrfmiddlewaretoken": csrf(client),
            **first_choices(quiz.content.decode()),
        }
        step(client, "submit", "POST", quiz_path, answers)
        step(client, "home", "GET", "/la-mia-formazione/")

    settings.DEBUG = False
    journey(args.first_person)  # warm-up: imports, templates, connections
    samples.clear()
    profiler = cProfile.Profile() if args.profile else None
    cpu = time.process_time()
    if profiler:
        profiler.enable()
    block = time.process_time()
    for i, n in enumerate(
        range(args.first_person + 1, args.first_person + 1 + args.people)
    ):
        journey(n)
        if args.every and (i + 1) % args.every == 0:
            spent = (time.process_time() - block) / args.every * 1000
            print(f"journeys {i + 2 - args.every}-{i + 1}: {spent:.0f} ms CPU each")
            block = time.process_time()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    cpu = (time.process_time() - cpu) / args.people

    print(f"{'step':<16}{'median ms':>10}{'CPU ms':>8}{'queries':>9}")
    total = 0.0
    for label, rows in samples.items():
        median = statistics.median(r[0] for r in rows) * 1000
        total += median
        cpu_median = statistics.median(r[2] for r in rows) * 1000
        print(
            f"{label:<16}{median:>10.1f}{cpu_median:>8.1f}{max(r[1] for r in rows):>9}"
        )
    queries = sum(max(r[1] for r in rows) for rows in samples.values())
    if args.sql:
        for label, statements in last_sql.items():
            print(f"\n== {label}")
            for sql in statements:
                print("  ", sql[:300])
    print(
        f"journey: {total:.0f} ms of medians, {queries} queries, "
        f"{cpu * 1000:.0f} ms CPU"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
