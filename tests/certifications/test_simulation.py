"""Done when: a year of days for a small company, with the daily job every day.

Hires join, certifications are earned and renewed (one person twice, through the
same refresher: the daily job restarts it), a policy changes mid-year;
every day the summary table must equal the derivation, on the checkpoints it must
say what a person reading the story would expect, and each reminder goes out
exactly once.
"""

from collections import Counter
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from certifications.daily import daily_run
from certifications.models import CertificationStatus
from certifications.policy import (
    policy_change_mark,
    policy_review_start,
    policy_review_submit,
)
from certifications.services import certification_status_sync
from courses import services as learning
from courses.selectors import course_modules
from notifications.models import EmailRecord
from people import roles
from quizzes.selectors import attempt_answer_key
from tests.builders import make_user, pass_course, publish_new_text

START, END = date(2026, 1, 1), date(2026, 12, 31)


def test_one_year_of_daily_runs(
    certification, onboarding, refresher, lead, hr, travel, commit
):
    people = {}
    boss = make_user("capo@test.it", first_name="Paola")

    def hire(name, day, **fields):
        people[name] = make_user(
            f"{name}@test.it",
            role=roles.LEARNER,
            first_name=name.title(),
            hire_date=day,
            manager=boss,
            **fields,
        )
        return people[name]

    def enrol(name, due):
        learning.enrollment_create(
            user=people[name], course=onboarding, source="manual", due_date=due
        )

    # Before the year: three veterans earned the certification.
    travel(date(2025, 1, 20))
    with commit():
        pass_course(hire("fabio", date(2024, 1, 1)), onboarding)
    travel(date(2025, 3, 10))
    with commit():
        pass_course(hire("anna", date(2024, 1, 1)), onboarding)
    travel(date(2025, 8, 1))
    with commit():
        pass_course(hire("bruno", date(2024, 1, 1)), onboarding)
    module = course_modules(course=onboarding)[0]
    module.save_revision(user=lead).publish(user=lead)

    def policy_change():
        publish_new_text(module, lead, "Rimborsi in 7 giorni.")
        policy_change_mark(
            module=module, note="Rimborsi più rapidi.", due_days=30, user=lead
        )

    def review(name):
        (change,) = certification.policy_changes.all()
        attempt = policy_review_start(user=people[name], change=change)
        policy_review_submit(
            user=people[name],
            change=change,
            attempt=attempt,
            responses=attempt_answer_key(attempt=attempt),
        )

    def refresher_cycle(name):
        return people[name].enrollments.get(course=refresher).cycle

    events = {
        # Fabio renews in January, and again in December through the same
        # refresher, restarted by the job when his window opens in November.
        date(2026, 1, 10): [lambda: pass_course(people["fabio"], refresher)],
        date(2026, 12, 1): [lambda: pass_course(people["fabio"], refresher)],
        date(2026, 2, 1): [
            lambda: hire("carla", date(2026, 2, 1)),
            lambda: enrol("carla", date(2026, 3, 3)),
        ],
        date(2026, 2, 10): [lambda: pass_course(people["anna"], refresher)],
        date(2026, 2, 20): [lambda: pass_course(people["carla"], onboarding)],
        date(2026, 5, 10): [
            lambda: hire("dario", date(2026, 5, 10)),
            lambda: enrol("dario", date(2026, 6, 9)),
        ],
        date(2026, 5, 20): [
            lambda: learning.module_complete(user=people["dario"], module=module)
        ],
        date(2026, 6, 15): [policy_change],
        date(2026, 6, 20): [lambda: review("anna")],
        date(2026, 6, 25): [lambda: review("fabio")],
        date(2026, 7, 1): [lambda: pass_course(people["dario"], onboarding)],
        date(2026, 7, 10): [lambda: review("carla")],
        date(2026, 7, 20): [lambda: pass_course(people["bruno"], refresher)],
        date(2026, 9, 1): [lambda: hire("elisa", date(2026, 9, 1))],
        date(2026, 10, 20): [lambda: pass_course(people["elisa"], onboarding)],
    }
    expected = {
        date(2026, 1, 1): {
            "anna": ("certified", date(2026, 3, 10)),
            "bruno": ("certified", date(2026, 8, 1)),
            "fabio": ("expiring", date(2026, 1, 20)),
        },
        date(2026, 1, 10): {"fabio": ("certified", date(2027, 1, 20))},
        date(2026, 6, 25): {"fabio": ("certified", date(2027, 1, 20))},
        date(2026, 11, 20): {"fabio": ("certified", date(2027, 1, 20))},
        date(2026, 11, 21): {"fabio": ("expiring", date(2027, 1, 20))},
        date(2026, 1, 9): {"anna": ("expiring", date(2026, 3, 10))},
        date(2026, 2, 1): {"carla": ("not_started", None)},
        date(2026, 2, 10): {"anna": ("certified", date(2027, 3, 10))},
        date(2026, 2, 20): {"carla": ("certified", date(2027, 2, 20))},
        date(2026, 5, 20): {"dario": ("in_progress", None)},
        date(2026, 6, 1): {"bruno": ("certified", date(2026, 8, 1))},
        date(2026, 6, 2): {"bruno": ("expiring", date(2026, 8, 1))},
        date(2026, 6, 9): {"dario": ("in_progress", None)},
        date(2026, 6, 10): {"dario": ("overdue", None)},
        date(2026, 6, 15): {
            "anna": ("review_required", date(2026, 7, 15)),
            "bruno": ("review_required", date(2026, 7, 15)),
            "carla": ("review_required", date(2026, 7, 15)),
        },
        date(2026, 6, 20): {"anna": ("certified", date(2027, 3, 10))},
        date(2026, 7, 1): {"dario": ("certified", date(2027, 7, 1))},
        date(2026, 7, 10): {"carla": ("certified", date(2027, 2, 20))},
        date(2026, 7, 15): {"bruno": ("review_required", date(2026, 7, 15))},
        date(2026, 7, 16): {"bruno": ("overdue", date(2026, 7, 15))},
        date(2026, 7, 20): {"bruno": ("certified", date(2027, 8, 1))},
        date(2026, 10, 1): {"elisa": ("not_started", None)},
        date(2026, 10, 2): {"elisa": ("overdue", None)},
        date(2026, 10, 20): {"elisa": ("certified", date(2027, 10, 20))},
        date(2026, 12, 21): {"carla": ("certified", date(2027, 2, 20))},
        date(2026, 12, 22): {"carla": ("expiring", date(2027, 2, 20))},
        END: {
            "anna": ("certified", date(2027, 3, 10)),
            "bruno": ("certified", date(2027, 8, 1)),
            "dario": ("certified", date(2027, 7, 1)),
            "fabio": ("certified", date(2028, 1, 20)),
        },
    }
    cycles = {
        date(2026, 1, 1): 1,
        date(2026, 11, 20): 1,
        date(2026, 11, 21): 2,
        END: 2,
    }

    most_queries = 0
    day = START
    while day <= END:
        travel(day)
        with commit(), CaptureQueriesContext(connection) as queries:
            daily_run(today=day)
        most_queries = max(most_queries, len(queries))
        with commit():
            for event in events.get(day, []):
                event()
        assert certification_status_sync(today=day, dry_run=True) == [], day
        for name, (status, until) in expected.get(day, {}).items():
            row = CertificationStatus.objects.get(user=people[name])
            assert (row.status, row.valid_until) == (status, until), (day, name)
        if day in cycles:
            assert refresher_cycle("fabio") == cycles[day], day
        day += timedelta(days=1)

    reminders = Counter(
        (r.user.first_name, r.kind, r.date)
        for r in EmailRecord.objects.select_related("user").filter(
            kind__in=["reminder", "overdue", "policy_reminder", "policy_overdue"]
        )
    )
    assert reminders == {
        ("Anna", "reminder", date(2026, 2, 8)): 1,  # refresher due 10 March
        ("Carla", "reminder", date(2026, 2, 2)): 1,  # enrolled after the run
        ("Dario", "reminder", date(2026, 5, 11)): 1,
        ("Dario", "reminder", date(2026, 6, 2)): 1,
        ("Dario", "reminder", date(2026, 6, 8)): 1,
        ("Dario", "overdue", date(2026, 6, 10)): 1,
        ("Bruno", "reminder", date(2026, 7, 2)): 1,
        # The policy review, due 15 July (marked on 15 June after the run),
        # with its own texts.
        ("Anna", "policy_reminder", date(2026, 6, 16)): 1,
        ("Bruno", "policy_reminder", date(2026, 6, 16)): 1,
        ("Carla", "policy_reminder", date(2026, 6, 16)): 1,
        ("Bruno", "policy_reminder", date(2026, 7, 8)): 1,
        ("Carla", "policy_reminder", date(2026, 7, 8)): 1,
        ("Bruno", "policy_reminder", date(2026, 7, 14)): 1,
        ("Bruno", "policy_overdue", date(2026, 7, 16)): 1,
        # Fabio's first refresher, assigned on 1 January due 20 January; the
        # second cycle (due 20 January 2027) he finished before any reminder.
        ("Fabio", "reminder", date(2026, 1, 1)): 1,
        ("Fabio", "policy_reminder", date(2026, 6, 16)): 1,
    }
    assignments = Counter(
        r.user.first_name
        for r in EmailRecord.objects.select_related("user").filter(kind="assignment")
    )
    # Onboarding for two hires, refreshers for four people entering the window
    # (Fabio twice: the second is the same refresher restarted).
    assert assignments == {"Anna": 1, "Bruno": 1, "Carla": 2, "Dario": 1, "Fabio": 2}
    # The policy review, announced with its own text to the four certified
    # before the change.
    reviews = Counter(
        r.user.first_name
        for r in EmailRecord.objects.select_related("user").filter(kind="policy_review")
    )
    assert reviews == {"Anna": 1, "Bruno": 1, "Carla": 1, "Fabio": 1}
    fabio = people["fabio"].certificates.order_by("issued_at")
    assert [(c.course, c.status, c.expires_at) for c in fabio] == [
        (onboarding, "superseded", date(2026, 1, 20)),
        (refresher, "superseded", date(2027, 1, 20)),
        (refresher, "superseded", date(2027, 1, 20)),  # the policy review
        (refresher, "valid", date(2028, 1, 20)),
    ]
    assert fabio.last().supersedes == fabio[2]
    print("most queries in a daily run:", most_queries)
    assert most_queries < 120, most_queries
