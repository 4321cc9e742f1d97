"""The admin's choosers speak the language of the person who opens them:
Wagtail words a chooser's buttons when the form is made, and the admin makes
its forms once, when the URLs load, in whatever language was active then."""

import pytest

from classroom.models import SessionRequirement
from observations.models import ObservationRequirement
from people.models import User

PAGES = (
    f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/add/"
    for model in (ObservationRequirement, SessionRequirement)
)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="admin@test.it", password="x")


@pytest.mark.parametrize("url", list(PAGES))
def test_the_choosers_follow_the_admin_language(client, superuser, course, url):
    client.force_login(superuser)
    italian = client.get(url).content.decode()
    assert "Scegli una pagina (Corso)" in italian
    client.post("/lingua/", {"language": "en", "next": url})
    english = client.get(url).content.decode()
    assert "Choose a page (Course)" in english
    assert "Scegli una pagina" not in english
    if "observation" in url:
        assert "Scegli griglia di osservazione" in italian
        assert "Choose observation checklist" in english
        assert "Scegli griglia" not in english
