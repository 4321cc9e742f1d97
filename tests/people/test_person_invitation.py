"""A person HR types in gets the invitation to sign in that imported people
get (people.invitations), once."""

import re

from django.contrib.auth.models import Group
from django.core import mail

from people import roles
from people.models import User
from tests.builders import post_new_person


def test_a_new_person_is_invited_once(login, hr, django_capture_on_commit_callbacks):
    client = login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_new_person(client, email="nuova@test.it", first_name="Nina")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nuova@test.it"]]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert "/account/password/reset/key/" in link

    # The link sets the password, as the imported people's does.
    client.logout()
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(path, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = client.post(
        form_url, {"password1": "Nuova-pass-2026!", "password2": "Nuova-pass-2026!"}
    )
    assert done.status_code == 302
    assert client.login(email="nuova@test.it", password="Nuova-pass-2026!")

    # Editing the person later sends nothing more.
    person = User.objects.get(email="nuova@test.it")
    client = login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/hr/persone/{person.pk}/",
            {
                "first_name": "Nina",
                "last_name": "B",
                "email": "nuova@test.it",
                "preferred_language": "it",
                "job_title": "Agente",
                "roles": [g.pk for g in person.groups.all()],
            },
        )
    assert len(mail.outbox) == 1


def test_a_person_created_in_wagtails_admin_is_invited_too(
    login, hr, django_capture_on_commit_callbacks
):
    client = login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/users/new/",
            {
                "email": "wagtail@test.it",
                "first_name": "W",
                "last_name": "T",
                "is_active": "on",
                "preferred_language": "it",
                # The role the page ticks for a new person.
                "groups": [Group.objects.get(name=roles.LEARNER).pk],
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["wagtail@test.it"]]
