"""A change refused in the admin says so in proper words, in Italian and in
English: a department's (Wagtail's "Impossibile salvare …", as a refused new
object reads) and a language's (Wagtail's Italian "La lingua non è stata salvata
perche sono presenti errori." misses its accent). A person's is in
tests/people/test_admin_user_pages.py."""

import pytest
from wagtail.models import Locale

from people.models import Department, User
from people.services import user_set_language
from tests.admin_pages import admin_messages

NOT_SAVED = {
    "department": {
        "it": "Impossibile salvare reparto a causa di errori.",
        "en": "The department could not be saved due to errors.",
    },
    "locale": {
        "it": "La lingua non può essere salvata a causa di errori.",
        "en": "The locale could not be saved due to errors.",
    },
}


@pytest.fixture
def boss(db):
    return User.objects.create_superuser(
        email="root@test.it", password="x", first_name="R", last_name="S"
    )


def refused(client, user, language, url, data):
    user_set_language(user=user, language=language)
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == 200
    return admin_messages(response.content.decode())


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_refused_department_change(client, boss, language):
    sales = Department.objects.create(name="Vendite", code="vendite")
    Department.objects.create(name="Cassa", code="cassa")
    url = f"/admin/snippets/people/department/edit/{sales.pk}/"
    said = refused(client, boss, language, url, {"name": "Cassa", "code": "vendite"})
    assert said == [NOT_SAVED["department"][language]]
    sales.refresh_from_db()
    assert sales.name == "Vendite"


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_refused_language_change(client, boss, language):
    italian = Locale.objects.get(language_code="it")
    url = f"/admin/locales/edit/{italian.pk}/"
    said = refused(client, boss, language, url, {"language_code": "xx"})
    assert said == [NOT_SAVED["locale"][language]]
    assert Locale.objects.filter(pk=italian.pk, language_code="it").exists()
