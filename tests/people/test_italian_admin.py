"""The Italian admin names the product's roles in Italian wherever a person
chooses or reads them (the groups keep their stored English names)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from people import roles
from people.models import User

ENGLISH_ROLES = ("Learner", "Lead trainer", "Trainer", "HR")
ITALIAN_ROLES = ("Discente", "Formatore", "Risorse umane", "Formatore responsabile")


def visible_text(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", "\n", html)
    return re.sub(r"\s+", " ", html)


def assert_italian_roles(text: str, expected=ITALIAN_ROLES):
    for name in ENGLISH_ROLES:
        assert not re.search(rf"\b{name}\b", text), name
    for name in expected:
        assert name in text, name


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="admin@test.it", password="x")


def test_the_lead_chooses_rule_roles_in_italian(login, lead, course):
    client = login(lead)
    text = visible_text(client.get(f"/admin/pages/{course.pk}/edit/"))
    assert_italian_roles(text)
    assert "Regole di assegnazione" in text and "Corsi propedeutici" in text


def test_hr_reads_and_gives_roles_in_italian(login, hr, learner, course):
    client = login(hr)
    # HR gives every role but the lead trainer's (which publishes).
    assert_italian_roles(
        visible_text(client.get(f"/admin/users/edit/{learner.pk}/")),
        expected=("Discente", "Formatore", "Risorse umane"),
    )
    assert_italian_roles(visible_text(client.get("/admin/assegnazioni/")))
    listing = visible_text(client.get("/hr/persone/"))
    assert "Discente" in listing and not re.search(r"\bLearner\b", listing)


def test_the_group_admin_names_the_roles_in_italian(superuser):
    client = Client()
    client.force_login(superuser)
    assert_italian_roles(visible_text(client.get("/admin/groups/")))

    trainers = Group.objects.get(name=roles.TRAINER)
    response = client.get(f"/admin/groups/edit/{trainers.pk}/")
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert "Formatore" in title.group(1) and "Trainer" not in title.group(1)
