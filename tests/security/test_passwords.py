"""Passwords are stored with Argon2id at OWASP's cost, and hashes from earlier
installs (PBKDF2) still log in and are upgraded on the way."""

import pytest
from django.contrib.auth.hashers import make_password

from lms.settings import base
from tests.builders import PASSWORD, make_user

ARGON2ID_OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture(autouse=True)
def production_hashers(settings):
    # The test settings hash with MD5 for speed; these tests need the real list.
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def _log_in(client, email, password=PASSWORD):
    return client.post("/account/login/", {"login": email, "password": password})


@pytest.mark.django_db
def test_new_passwords_are_argon2id_and_log_in(client):
    user = make_user()
    assert user.password.startswith(ARGON2ID_OWASP)
    assert PASSWORD not in user.password

    assert _log_in(client, user.email).status_code == 302
    assert client.get("/la-mia-formazione/").status_code == 200


@pytest.mark.django_db
def test_a_pbkdf2_password_still_logs_in_and_is_upgraded(client):
    user = make_user()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert _log_in(client, user.email).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(ARGON2ID_OWASP)
    assert client.get("/la-mia-formazione/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_is_refused(client):
    user = make_user()
    response = _log_in(client, user.email, password="non-è-questa")
    assert response.status_code == 200
    assert client.get("/la-mia-formazione/").status_code == 302
