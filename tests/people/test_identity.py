"""Identity (issue 20 §3): the address HR sets is the only one that signs in or
gets a reset link; learners cannot change it; a duplicate address is a form
error; tokens and second factors end when the person's rights do."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from api.services import api_token_create
from people import roles
from people.models import User
from tests.builders import PASSWORD, make_user, post_new_person
from tests.mfa import totp_code

OLD, NEW = "agente@test.it", "giulia.bianchi@test.it"


def signs_in(email) -> bool:
    response = Client().post("/account/login/", {"login": email, "password": PASSWORD})
    return response.status_code == 302


def reset_link(email) -> str | None:
    """Ask allauth for a reset link for `email`; the link sent, if any."""
    mail.outbox.clear()
    Client().post("/account/password/reset/", {"email": email})
    for message in mail.outbox:
        if email in message.to:
            found = re.search(r"https?://\S+/password/reset/key/\S+", message.body)
            if found:
                return found.group(0)
    return None


def link_works(link) -> bool:
    client = Client()
    path = "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    return 'name="password1"' in response.content.decode()


@pytest.fixture
def known(learner):
    """allauth knows the learner by their address (as after a verification or
    a password reset)."""
    EmailAddress.objects.create(user=learner, email=OLD, primary=True, verified=True)
    assert signs_in(OLD)
    return learner


def person_form(person, email):
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": email,
        "employee_id": person.employee_id or "",
        "preferred_language": "it",
        "roles": list(person.groups.values_list("pk", flat=True)),
    }


def assert_only_new_address_works(person, pending_link):
    assert set(
        EmailAddress.objects.filter(user=person).values_list("email", flat=True)
    ) == {NEW}
    assert not signs_in(OLD)
    assert signs_in(NEW)
    assert reset_link(OLD) is None
    assert not link_works(pending_link)
    assert link_works(reset_link(NEW))


def test_hr_changes_the_address_on_the_person_form(client, hr, known):
    pending = reset_link(OLD)
    assert link_works(pending)
    client.force_login(hr)
    response = client.post(f"/hr/persone/{known.pk}/", person_form(known, NEW))
    assert response.status_code == 302
    assert_only_new_address_works(known, pending)


def test_hr_changes_the_address_in_wagtails_user_admin(client, hr, known):
    pending = reset_link(OLD)
    client.force_login(hr)
    response = client.post(
        f"/admin/users/edit/{known.pk}/",
        {
            "email": NEW,
            "first_name": known.first_name,
            "last_name": known.last_name,
            "is_active": "on",
            "preferred_language": "it",
            # The roles the page ticks: the person's own.
            "groups": list(known.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    assert_only_new_address_works(known, pending)


def test_an_import_changes_the_address(
    client, hr, learner, django_capture_on_commit_callbacks
):
    learner.employee_id = "A1"
    learner.save()
    assert signs_in(OLD)
    pending = reset_link(OLD)
    client.force_login(hr)
    upload = client.post(
        "/hr/persone/importa/",
        {
            "file": SimpleUploadedFile(
                "p.csv",
                f"employee_id,first_name,last_name,email\nA1,Giulia,Bianchi,{NEW}\n".encode(),
            )
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload["Location"], {})
    assert "Completata" in client.get(response["Location"]).content.decode()
    assert_only_new_address_works(learner, pending)


def test_learners_cannot_change_their_own_address(login, learner):
    client = login(learner)
    page = client.get("/account/email/")
    assert page.status_code == 200
    assert OLD in page.content.decode()
    assert "risorse umane" in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    response = client.post(
        "/account/email/", {"email": "mio@privato.it", "action_add": ""}
    )
    assert response.status_code == 405
    assert not EmailAddress.objects.filter(email="mio@privato.it").exists()
    assert not signs_in("mio@privato.it")


# --- A duplicate address is a form error, never a 500 ----------------------------


def test_duplicate_address_on_the_person_form(client, hr, learner):
    other = make_user("luca@test.it", first_name="Luca")
    client.force_login(hr)
    response = client.post(
        f"/hr/persone/{other.pk}/", person_form(other, "AGENTE@test.it")
    )
    assert response.status_code == 200
    assert "già usato da un" in response.content.decode()


def test_duplicate_address_in_wagtails_user_admin(client, hr, learner):
    client.force_login(hr)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "Agente@Test.it",
            "first_name": "Doppio",
            "last_name": "Indirizzo",
            "is_active": "on",
            "preferred_language": "it",
        },
    )
    assert response.status_code == 200
    assert "già usato da un" in response.content.decode()
    assert User.objects.filter(email__iexact=OLD).count() == 1


def test_an_address_allauth_still_knows_for_someone_else_is_taken(client, hr, learner):
    # A row left from before this rule (another person's old address).
    EmailAddress.objects.create(user=learner, email="vecchio@test.it", primary=False)
    client.force_login(hr)
    upload = client.post(
        "/hr/persone/importa/",
        {
            "file": SimpleUploadedFile(
                "p.csv",
                b"employee_id,first_name,last_name,email\nB1,Bea,Neri,vecchio@test.it\n",
            )
        },
    )
    page = client.get(upload["Location"]).content.decode()
    assert "appartiene già a un" in page
    response = post_new_person(
        client, first_name="Bea", last_name="Neri", email="vecchio@test.it"
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="vecchio@test.it").exists()


# --- API tokens end with their creator's rights -------------------------------------


def api_status(secret) -> int:
    return (
        Client()
        .get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {secret}")
        .status_code
    )


def test_a_deactivated_creators_tokens_stop_at_once(hr):
    _token, secret = api_token_create(name="Paghe", by=hr)
    assert api_status(secret) == 200
    hr.is_active = False
    hr.save()
    assert api_status(secret) == 401


def test_a_creator_who_loses_the_hr_role_loses_their_tokens(hr):
    _token, secret = api_token_create(name="Paghe", by=hr)
    assert api_status(secret) == 200
    hr.groups.remove(hr.groups.get(name=roles.HR))
    assert api_status(secret) == 401


# --- Removing one's second factor ----------------------------------------------------


def test_removing_ones_totp_asks_for_set_up_again_at_once(client, trainer, settings):
    settings.LMS_MFA_REQUIRED = True
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    client.post("/account/login/", {"login": trainer.email, "password": PASSWORD})
    client.post("/account/2fa/authenticate/", {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200
    # allauth asks for the password again before removing a factor.
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    response = client.post("/account/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=trainer, type="totp").exists()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"
