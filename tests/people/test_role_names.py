"""Wagtail's group list names the product's roles in the interface language."""

import re

from people.models import User
from tests.builders import PASSWORD


def test_the_group_list_names_roles_in_italian(db, client):
    boss = User.objects.create_superuser(
        email="root@test.it", password=PASSWORD, first_name="R", last_name="S"
    )
    client.force_login(boss)
    page = client.get("/admin/groups/").content.decode()
    for italian in ("Discente", "Formatore", "Formatore responsabile", "Risorse umane"):
        assert italian in page
    for stored in ("Learner", "Trainer", "Lead trainer"):
        assert not re.search(rf">\s*{stored}\s*<", page), stored
