"""Wagtail's user pages (Impostazioni → Utenti) as HR and administrators read
them, in Italian and in English: the roles tab holds the roles and nothing
else (no stray "None" where the administrator flag would be, which only
administrators are given), and a new person refused, or a person's changes
refused, says so in proper words: not Wagtail's Italian "Personanon può essere
creato a causa di errori." nor its "L'utente non può essere salvato …"."""

import html
import re

import pytest

from people.models import User
from people.services import user_set_language
from tests.admin_pages import admin_messages

NEW = "/admin/users/new/"
NOT_CREATED = {
    "it": "La persona non può essere creata a causa di errori.",
    "en": "The person could not be created due to errors.",
}
NOT_SAVED = {
    "it": "La persona non può essere salvata a causa di errori.",
    "en": "The person could not be saved due to errors.",
}
ROLES_TAB = {"it": "Ruoli", "en": "Roles"}


def words(fragment: str) -> str:
    fragment = re.sub(r"<(script|template)\b.*?</\1>", " ", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def roles_tab(response) -> str:
    """The words of the roles tab's panel."""
    assert response.status_code == 200
    page = response.content.decode()
    section = page.split('id="tab-roles"', 1)[1].split(">", 1)[1]
    return words(section.split("</section>", 1)[0])


def speaking(client, user, language):
    user_set_language(user=user, language=language)
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_roles_tab_holds_the_roles_only(client, hr, learner, boss, language):
    client = speaking(client, hr, language)
    for url in (NEW, f"/admin/users/edit/{learner.pk}/"):
        page = client.get(url)
        tab = roles_tab(page)
        assert not re.search(r"\bNone\b", tab), (url, tab)
        # The roles are there, with their reason; no administrator flag for HR.
        assert 'name="groups"' in page.content.decode()
        assert 'name="is_superuser"' not in page.content.decode()
        assert ROLES_TAB[language] in words(page.content.decode())
    # An administrator's form has the flag, and no "None" either.
    client = speaking(client, boss, language)
    page = client.get(NEW)
    assert 'name="is_superuser"' in page.content.decode()
    assert not re.search(r"\bNone\b", roles_tab(page))


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_refused_new_person_is_said_in_words(client, hr, language):
    client = speaking(client, hr, language)
    response = client.post(
        NEW,
        {
            "email": "not-an-address",
            "first_name": "A",
            "last_name": "B",
            "preferred_language": "it",
            "groups": [],
        },
    )
    assert response.status_code == 200
    assert admin_messages(response.content.decode()) == [NOT_CREATED[language]]
    assert not User.objects.filter(first_name="A", last_name="B").exists()


@pytest.mark.parametrize("language", ["it", "en"])
def test_refused_changes_to_a_person_are_said_in_words(client, hr, learner, language):
    client = speaking(client, hr, language)
    response = client.post(
        f"/admin/users/edit/{learner.pk}/",
        {
            "email": "not-an-address",
            "first_name": "Nuovo",
            "last_name": learner.last_name,
            "is_active": "on",
            "preferred_language": "it",
            "groups": [group.pk for group in learner.groups.all()],
        },
    )
    assert response.status_code == 200
    assert admin_messages(response.content.decode()) == [NOT_SAVED[language]]
    learner.refresh_from_db()
    assert learner.first_name != "Nuovo"
