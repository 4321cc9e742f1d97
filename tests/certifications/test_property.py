"""Property: whatever the history, the summary table kept up by the receivers
(plus the daily recomputation when days pass) equals the derivation."""

from datetime import UTC, date, datetime, timedelta

import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from certificates.services import certificate_revoke
from certifications.services import certification_status_sync
from courses import services as learning
from courses.selectors import course_modules
from people import roles
from people.models import Department
from tests.builders import (
    make_certification,
    make_course,
    make_site,
    make_user,
    pass_course,
)

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["onboard", "refresh", "revoke", "wait", "enrol", "start", "move"]
        ),
        st.integers(min_value=0, max_value=1),  # which person
        st.integers(min_value=1, max_value=400),  # days, for wait and enrol
    ),
    max_size=8,
)


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
class SummaryTableMatchesDerivation(TestCase):
    # PDFs are not rendered here (dummy task backend): the property is about
    # statuses, and rendering is tested with the certificates.

    @classmethod
    def setUpTestData(cls):
        catalogue = make_site()
        cls.onboarding = make_course(catalogue, title="Inserimento", modules=1)
        cls.refresher = make_course(catalogue, title="Aggiornamento", modules=1)
        cls.contact = Department.objects.create(name="Contact", code="contact")
        cls.certification = make_certification(
            cls.onboarding,
            cls.refresher,
            required_for_everyone=False,
            validity_months=6,
            renewal_window_days=30,
        )
        cls.certification.required_departments.add(cls.contact)
        cls.certification.save()
        cls.people = [
            make_user(
                f"p{i}@test.it",
                role=roles.LEARNER,
                department=cls.contact,
                hire_date=date(2026, 1, 1),
            )
            for i in range(2)
        ]

    def apply(self, operation, person, days, today):
        if operation in ("onboard", "refresh"):
            course = self.onboarding if operation == "onboard" else self.refresher
            try:
                pass_course(person, course)
            except ValidationError:
                pass  # refused (refresher never held, lapsed) or already passed
        elif operation == "revoke":
            certificate = person.certificates.filter(status="valid").first()
            if certificate is not None:
                certificate_revoke(
                    certificate=certificate, user=None, public_reason="Errore."
                )
        elif operation == "enrol":
            learning.enrollment_create(
                user=person,
                course=self.onboarding,
                source="manual",
                due_date=today + timedelta(days=days),
            )
        elif operation == "start":
            if person.enrollments.filter(course=self.onboarding).exists():
                module = course_modules(course=self.onboarding)[0]
                learning.module_complete(user=person, module=module)
        elif operation == "move":
            person.department = None if person.department_id else self.contact
            person.save()

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(OPERATIONS)
    def test_table_equals_derivation(self, operations):
        today = date(2026, 2, 1)
        with time_machine.travel(datetime(2026, 2, 1, 10, tzinfo=UTC), tick=False) as t:
            with self.captureOnCommitCallbacks(execute=True):
                certification_status_sync(today=today)
            for operation, index, days in operations:
                person = type(self.people[index]).objects.get(pk=self.people[index].pk)
                if operation == "wait":
                    today += timedelta(days=days)
                    t.move_to(datetime.combine(today, datetime.min.time(), UTC))
                    # What the daily job does when days pass.
                    certification_status_sync(today=today)
                else:
                    with self.captureOnCommitCallbacks(execute=True):
                        self.apply(operation, person, days, today)
                assert certification_status_sync(today=today, dry_run=True) == [], (
                    operation
                )
