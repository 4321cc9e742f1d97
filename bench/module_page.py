"""Benchmark: a module page with its body kept as fragments, and without.

    .venv/bin/python bench/module_page.py [--runs 40]            # locmem cache
    .venv/bin/python bench/module_page.py --redis redis://127.0.0.1:6379/5
    DATABASE_URL=postgres://... .venv/bin/python bench/module_page.py

Creates a throw-away test database (SQLite unless DATABASE_URL says otherwise),
loads the demo (`load_demo_data`), enrols a fresh agent in the onboarding course
and requests, through Django's test client, each demo module the agent may open
(the module pages of the demo course, with figures, audio, dialogues, tables and
knowledge checks): with the fragments read from the cache, with them made anew
each time (the entries deleted before each request), and with the cache turned
off (`content.fragments` told that nothing is cacheable: the page as it was
before the fragments). The agent's home page is measured in the same run as the
baseline, so the figures can be compared across runs on a shared machine.

Prints, per variant, the median wall time, the median CPU time of the process
per request, the ratio to the baseline's CPU and the number of queries.
"""

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")


def measure(client, url, runs, before=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, queries = [], [], 0
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpu = time.process_time() - cpu
            wall = time.perf_counter() - wall
        assert response.status_code == 200, (url, response.status_code)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
        queries = len(captured)
    return statistics.median(walls), statistics.median(cpus), queries


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--redis", default="", help="a Redis URL for the cache")
    args = parser.parse_args()

    import django
    from django.conf import settings

    if args.redis:
        settings.CACHES = {
            "default": {
                "BACKEND": "lms.cache.RedisCache",
                "LOCATION": args.redis,
                "KEY_PREFIX": "bench-module-page",
                "OPTIONS": {"IGNORE_EXCEPTIONS": True},
            }
        }
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        cache.clear()
        call_command("load_demo_data", verbosity=0)
        from content import fragments
        from courses.models import CoursePage
        from courses.selectors import course_modules
        from people import roles
        from tests.builders import PASSWORD, make_user

        course = CoursePage.objects.live().filter(locale__language_code="it").first()
        agent = make_user("bench.module@test.it", role=roles.LEARNER)
        client = Client()
        assert client.login(email=agent.email, password=PASSWORD)
        client.post(f"/corsi/{course.pk}/iscrizione/")
        # The module with the longest body (the course's modules opened in any
        # order for the agent).
        modules = course_modules(course=course)
        module = max(modules, key=lambda m: len(m.body.raw_data))
        CoursePage.objects.filter(pk=course.pk).update(modules_in_order=False)
        blocks = len(module.body.raw_data)
        kinds = sorted({item["type"] for item in module.body.raw_data})

        def forget():
            keys = [
                fragments.fragment_key(
                    page_id=module.pk,
                    revision_id=module.live_revision_id,
                    language="it",
                    block_id=item["id"],
                )
                for item in module.body.raw_data
            ]
            cache.delete_many(keys)

        for url in (module.url, "/la-mia-formazione/"):
            measure(client, url, 3)  # warm the process and the renditions

        results = {
            "home (baseline)": measure(client, "/la-mia-formazione/", args.runs),
            "module, fragments kept": measure(client, module.url, args.runs),
            "module, fragments made": measure(client, module.url, args.runs, forget),
        }
        cacheable = fragments._cacheable
        fragments._cacheable = lambda page, request: False
        try:
            results["module, no fragment cache"] = measure(
                client, module.url, args.runs
            )
        finally:
            fragments._cacheable = cacheable
        results["module, fragments kept (again)"] = measure(
            client, module.url, args.runs
        )
        # The course outline (its live modules in order), read from the
        # database as every progress computation does, against one cache read
        # of the same facts (what an outline cache would cost at best).
        from courses.selectors.progress import live_modules_by_course_path

        facts = live_modules_by_course_path([course])[course.path]
        cache.set("bench-outline", [dataclasses.astuple(m) for m in facts])
        outline = {}
        for name, read in (
            (
                "outline from the database",
                lambda: live_modules_by_course_path([course]),
            ),
            ("outline from the cache", lambda: cache.get("bench-outline")),
        ):
            cpus = []
            for _ in range(args.runs * 10):
                cpu = time.process_time()
                read()
                cpus.append((time.process_time() - cpu) * 1000)
            outline[name] = statistics.median(cpus)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    base_cpu = results["home (baseline)"][1]
    print(
        f"{connection.vendor}, cache {'redis' if args.redis else 'locmem'}; "
        f"module «{module.title}»: {blocks} blocks ({', '.join(kinds)}); "
        f"{args.runs} requests each, medians"
    )
    print(f"{'variant':34} {'wall ms':>8} {'CPU ms':>8} {'× home':>7} {'queries':>8}")
    for name, (wall, cpu, queries) in results.items():
        print(f"{name:34} {wall:8.1f} {cpu:8.1f} {cpu / base_cpu:7.2f} {queries:8}")
    for name, cpu in outline.items():
        print(f"{name:34} {'':8} {cpu:8.2f} {cpu / base_cpu:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
