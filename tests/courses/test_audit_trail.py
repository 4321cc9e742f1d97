"""Compliance events go to Wagtail's audit log (lms.audit): what the admin's
site history shows must be complete, and an event nobody registered refused."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from courses.models import Enrollment
from courses.services import enrollment_create
from lms.audit import log
from tests.builders import make_user


def test_a_completed_module_is_in_the_site_history_with_who_and_what(
    login, learner, course
):
    enrollment_create(user=learner, course=course)
    client = login(learner)
    module = course.get_children().first()
    client.post(f"/moduli/{module.pk}/completa/")
    entry = ModelLogEntry.objects.get(action="lms.module.complete")
    enrollment = Enrollment.objects.get(user=learner, course=course)
    assert entry.user == learner
    assert entry.object_id == str(enrollment.pk)
    assert entry.data["module"] == module.title
    assert str(learner.get_full_name()) in entry.label
    admin = make_user("admin@test.it", is_superuser=True, is_staff=True)
    client.force_login(admin)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert str(learner.get_full_name()) in history


def test_an_unregistered_event_is_refused_and_nothing_is_written(learner, course):
    enrollment = enrollment_create(user=learner, course=course)
    with pytest.raises(ValidationError):
        log(instance=enrollment, action="lms.nothing.registered", user=learner)
    assert not ModelLogEntry.objects.filter(action="lms.nothing.registered").exists()
