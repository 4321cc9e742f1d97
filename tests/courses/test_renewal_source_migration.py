"""`courses/0016` marks the renewals made before a renewal said so, and leaves
an enrolment whose assignment rule was deleted as the rule's."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from courses.models import AssignmentRule, Enrollment
from people import roles
from tests.builders import make_course, make_site, make_user

BEFORE = ("courses", "0015_lead_trainers_assign_courses")
AFTER = ("courses", "0016_enrollment_source_renewal")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_renewals_are_marked_and_unmarked():
    catalogue = make_site()
    course = make_course(catalogue, title="Aggiornamento", modules=1, quiz=False)
    hr = make_user("hr@test.it", role=roles.HR)
    people = {
        name: make_user(f"{name}@test.it", first_name=name)
        for name in ("ruled", "created", "restarted", "assigned", "again")
    }
    rule = AssignmentRule.objects.create(course=course, due_days=10)
    migrate(BEFORE)
    # As the code before 0016 wrote them.
    rows = {
        # An assignment rule's, the rule since deleted.
        "ruled": {"source": "rule", "rule": rule},
        # The refresher assigned by the daily job (the learner as enrolled_by).
        "created": {"source": "rule", "enrolled_by": people["created"]},
        # Last year's enrolment restarted by the daily job, nobody acting.
        "restarted": {"source": "manual", "cycle": 2},
        # HR's assignment.
        "assigned": {"source": "manual", "enrolled_by": hr},
        # A renewal cycle HR assigned again since.
        "again": {"source": "manual", "cycle": 2, "enrolled_by": hr},
    }
    for name, fields in rows.items():
        Enrollment.objects.create(user=people[name], course=course, **fields)
    rule.delete()

    migrate(AFTER)
    sources = dict(Enrollment.objects.values_list("user__first_name", "source"))
    assert sources == {
        "ruled": "rule",
        "created": "renewal",
        "restarted": "renewal",
        "assigned": "manual",
        "again": "manual",
    }

    migrate(BEFORE)
    assert not Enrollment.objects.filter(source="renewal").exists()
    assert Enrollment.objects.filter(source="rule").count() == 3
    migrate(AFTER)
