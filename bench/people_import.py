"""Applying an employee CSV: where the time of one import request goes.

    .venv/bin/python bench/people_import.py [ROWS ...]     # default 2000 8000

For each size, on a fresh SQLite database (a temp file) with the same number of
people already in the product (half the file updates them, half is new), the
script uploads the file and times, as HR's apply request runs them:

- the plan (`people_import_plan`, read and checked, as the preview does);
- the apply as a whole: HR's confirmation (`people_import_confirm`) queues the
  task, which the default (immediate) backend runs as soon as the confirmation
  commits: the plan again, the writes in batches, each committing the run's
  counters, and what runs when each batch commits (the `people_changed`
  receivers and the invitations, inline with this backend);
- inside it, the commit receivers and the invitations on their own.

The baseline, in the same run and on the same database, is a bare
`bulk_create` of as many users: the least any import of that size could cost.
The table gives wall and CPU seconds, rows per second, CPU milliseconds per row
and the ratio to the baseline. Extrapolating to 76,000 rows from the rows per
second says whether an import fits in gunicorn's 30-second timeout.
"""

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
_path = Path(tempfile.gettempdir()) / "people-import-bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_path}"

SIZES = [int(arg) for arg in sys.argv[1:]] or [2000, 8000]
TIMEOUT_ROWS = 76_000


class Clock:
    """Wall and process CPU time of a block, added up over its calls."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    @contextlib.contextmanager
    def __call__(self):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu


def timed(module, name, clock):
    """Route module.name through `clock`: the real function still runs."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        with clock():
            return original(*args, **kwargs)

    setattr(module, name, wrapper)


def run(rows: int) -> dict:
    import django
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    _path.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)

    from django.contrib.auth.hashers import make_password

    from people import roles
    from people.import_apply import people_import_confirm
    from people.models import Department, User
    from people.services import people_import_plan, people_import_upload
    from tests.builders import make_user

    hr = make_user("hr@bench.it", role=roles.HR, first_name="Elena")
    Department.objects.bulk_create(
        Department(name=f"Reparto {n}", code=f"reparto-{n}") for n in range(20)
    )
    departments = list(Department.objects.all())
    unusable = make_password(None)
    # The people already in the product: the first half of the file updates them.
    User.objects.bulk_create(
        (
            User(
                email=f"p{n}@bench.it",
                employee_id=f"E{n:06d}",
                first_name="Nome",
                last_name=f"Cognome{n}",
                department=departments[n % 20],
                password=unusable,
            )
            for n in range(rows // 2)
        ),
        batch_size=2000,
    )
    lines = [
        "matricola;nome;cognome;e-mail;reparto;mansione;data assunzione;responsabile"
    ]
    for n in range(rows):
        manager = "" if n % 25 == 0 else f"E{n - n % 25:06d}"
        lines.append(
            f"E{n:06d};Nome{n};Cognome{n};p{n}@bench.it;Reparto {n % 30};Agente;"
            f"2024-01-15;{manager}"
        )
    upload = people_import_upload(
        uploaded_file=SimpleUploadedFile("bench.csv", "\n".join(lines).encode()),
        by=hr,
    )

    plan_clock, apply_clock, receivers_clock, invite_clock = (Clock() for _ in "1234")
    with plan_clock():
        plan = people_import_plan(people_import=upload, by=hr)
    assert plan.ok, plan.errors[:3] or plan.file_error

    from certifications import receivers as certification_receivers
    from people import invitations

    timed(certification_receivers, "_sync", receivers_clock)
    timed(invitations, "send_invitations", invite_clock)
    from people import tasks

    tasks.send_invitations = invitations.send_invitations
    with apply_clock():
        people_import_confirm(people_import=upload, by=hr, deactivate_missing=False)
    upload.refresh_from_db()
    counts = upload.counts
    assert upload.status == "applied", upload.error
    assert counts["created"] + counts["updated"] == rows, counts

    # The floor: as many users written by one bulk_create, nothing else.
    baseline = Clock()
    with baseline():
        User.objects.bulk_create(
            (
                User(
                    email=f"b{n}@bench.it",
                    employee_id=f"B{n:06d}",
                    first_name="Nome",
                    last_name=f"Cognome{n}",
                    password=unusable,
                )
                for n in range(rows)
            ),
            batch_size=1000,
        )
    django.db.connection.close()
    return {
        "plan": plan_clock,
        "apply": apply_clock,
        "commit receivers (_sync)": receivers_clock,
        "invitations": invite_clock,
        "baseline bulk_create": baseline,
    }


def main():
    import django

    django.setup()
    for rows in SIZES:
        result = run(rows)
        base = result["baseline bulk_create"].wall
        print(f"\n{rows} rows")
        print(
            f"{'step':28} {'wall s':>8} {'cpu s':>8} {'rows/s':>9} "
            f"{'cpu ms/row':>10} {'x base':>7}"
        )
        for name, clock in result.items():
            print(
                f"{name:28} {clock.wall:8.2f} {clock.cpu:8.2f} "
                f"{rows / clock.wall if clock.wall else 0:9.0f} "
                f"{1000 * clock.cpu / rows:10.3f} {clock.wall / base:7.1f}"
            )
        apply = result["apply"].wall
        print(
            f"apply at this rate for {TIMEOUT_ROWS} rows: "
            f"{apply / rows * TIMEOUT_ROWS:.0f} s (gunicorn timeout 30 s)"
        )


if __name__ == "__main__":
    main()
