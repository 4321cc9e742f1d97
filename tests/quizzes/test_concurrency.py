"""Two submits of one attempt at the same moment, on real connections: graded
once. Needs PostgreSQL's row locks (SQLite serialises writers differently)."""

import pytest
from django.db import connection
from wagtail.log_actions import registry as log_registry

from certificates.models import Certificate
from courses.services import course_quiz_start, course_quiz_submit, enrollment_create
from quizzes.models import Attempt
from tests.builders import make_course, make_site, make_user, right_response
from tests.concurrency import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL"
    ),
]


def test_two_concurrent_submits_grade_once_and_issue_one_certificate():
    catalogue = make_site()
    course = make_course(catalogue, title="Concorrenza", modules=0)
    learner = make_user("concorrente@test.it")
    enrollment_create(user=learner, course=course)
    attempt = course_quiz_start(user=learner, course=course)
    responses = {}
    for answer in attempt.answers.all():
        [(_, keys)] = right_response(answer).items()
        responses[answer.position] = keys

    def submit():
        return course_quiz_submit(
            user=learner, course=course, attempt=attempt, responses=responses
        )

    results, errors = at_once([submit, submit])

    assert not errors
    assert {r.pk for r in results} == {attempt.pk}
    attempt.refresh_from_db()
    assert attempt.is_graded and attempt.score == 100
    actions = [e.action for e in log_registry.get_logs_for_instance(attempt)]
    assert actions.count("lms.attempt.pass") == 1
    assert Certificate.objects.filter(enrollment__user=learner).count() == 1
    assert Attempt.objects.count() == 1
