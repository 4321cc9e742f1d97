"""Permissions are read from the cache (people.backends); a change of role or of
what a role may do must still count at the very next page."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people import roles

STATUS = reverse("people:training_status")


def test_a_role_given_counts_at_the_next_page(
    client, login, learner, django_capture_on_commit_callbacks
):
    login(learner)
    assert client.get(STATUS).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        learner.groups.add(Group.objects.get(name=roles.HR))
    response = client.get(STATUS)
    assert response.status_code == 200
    assert STATUS.encode() in client.get(reverse("courses:my_training")).content


def test_a_role_taken_away_is_refused_at_the_next_page(
    client, login, hr, django_capture_on_commit_callbacks
):
    login(hr)
    assert client.get(STATUS).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        hr.groups.remove(Group.objects.get(name=roles.HR))
    assert client.get(STATUS).status_code == 403


def test_a_permission_withdrawn_from_a_role_is_refused_at_the_next_page(
    client, login, hr, django_capture_on_commit_callbacks
):
    login(hr)
    assert client.get(STATUS).status_code == 200
    permission = Permission.objects.get(codename="view_training_status")
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=roles.HR).permissions.remove(permission)
    assert client.get(STATUS).status_code == 403


def test_pages_do_not_read_permissions_from_the_database_each_time(client, login, hr):
    login(hr)
    client.get(STATUS)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(STATUS).status_code == 200
    assert not [q for q in queries if "auth_permission" in q["sql"]]


def test_without_a_shared_cache_a_role_taken_away_counts_in_every_process(
    client, login, hr, settings
):
    # Production without Redis: each process has its own local cache, so the
    # version bump of one never reaches the others; nothing may be kept there.
    settings.LMS_CACHE_IS_SHARED = False
    login(hr)
    assert client.get(STATUS).status_code == 200
    # Committed elsewhere: this process never runs the change's on-commit bump.
    hr.groups.remove(Group.objects.get(name=roles.HR))
    assert client.get(STATUS).status_code == 403
