import pytest

from tests.builders import issue_certificate


@pytest.fixture
def issued(course, learner, django_capture_on_commit_callbacks):
    """The learner's certificate of `course`, its PDF rendered."""
    return issue_certificate(learner, course, django_capture_on_commit_callbacks)
