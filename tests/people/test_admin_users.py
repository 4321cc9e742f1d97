"""Wagtail's user admin, as HR uses it: people yes, administrators no."""

import pytest
from django.contrib.auth.models import Group

from people import roles
from people.models import User
from tests.builders import PASSWORD, make_user


@pytest.fixture
def hr(db):
    return make_user("hr@test.it", role=roles.HR, first_name="Elena")


def person(email, **extra):
    return {
        "email": email,
        "first_name": "M",
        "last_name": "N",
        "password1": "Xk29!vqLm_z8",
        "password2": "Xk29!vqLm_z8",
        "is_active": "on",
        "preferred_language": "it",
        # The role the page ticks for a new person.
        "groups": [Group.objects.get(name=roles.LEARNER).pk],
        **extra,
    }


def test_hr_adds_people_but_cannot_make_an_administrator(client, hr):
    client.force_login(hr)
    page = client.get("/admin/users/new/")
    assert page.status_code == 200
    assert b'name="is_superuser"' not in page.content
    response = client.post(
        "/admin/users/new/", person("mine@test.it", is_superuser="on")
    )
    assert response.status_code == 302
    created = User.objects.get(email="mine@test.it")
    assert not created.is_superuser


def test_hr_cannot_touch_an_administrators_account(client, hr, boss):
    client.force_login(hr)
    url = f"/admin/users/edit/{boss.pk}/"
    # Wagtail answers a refusal in its admin with a redirect to the dashboard.
    assert client.get(url)["Location"] == "/admin/"
    response = client.post(
        url, person("root@test.it", password1="Yk29!vqLm_z9", password2="Yk29!vqLm_z9")
    )
    assert response["Location"] == "/admin/"
    boss.refresh_from_db()
    assert boss.check_password(PASSWORD)


def test_an_administrator_still_can(client, boss):
    client.force_login(boss)
    assert b'name="is_superuser"' in client.get("/admin/users/new/").content
    response = client.post(
        "/admin/users/new/", person("new@test.it", is_superuser="on")
    )
    assert response.status_code == 302
    assert User.objects.get(email="new@test.it").is_superuser
