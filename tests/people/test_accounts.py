import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from people import roles
from people.models import User
from tests.builders import PASSWORD, make_user
from tests.ops.test_production_stack import production_env

ROOT = Path(__file__).resolve().parents[2]


def test_roles_exist_with_their_permissions(db):
    trainer = Group.objects.get(name=roles.TRAINER)
    hr = Group.objects.get(name=roles.HR)
    trainer_perms = set(trainer.permissions.values_list("codename", flat=True))
    hr_perms = set(hr.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_quiz", "change_question"} <= trainer_perms
    assert "view_training_status" not in trainer_perms
    assert {"access_admin", "view_training_status", "change_user"} <= hr_perms
    assert not {"add_quiz", "change_quiz"} & hr_perms
    # Trainers submit for review; lead trainers approve and publish.
    assert trainer.page_permissions.filter(permission__codename="change_page").exists()
    assert not trainer.page_permissions.filter(
        permission__codename="publish_page"
    ).exists()
    lead = Group.objects.get(name=roles.LEAD_TRAINER)
    assert lead.page_permissions.filter(permission__codename="publish_page").exists()
    assert {"access_admin", "add_quiz"} <= set(
        lead.permissions.values_list("codename", flat=True)
    )
    assert not hr.page_permissions.exists()
    assert Group.objects.filter(name=roles.LEARNER).exists()


def test_every_new_person_starts_as_a_learner(db):
    user = User.objects.create_user(email="Nuovo.Assunto@Test.it", password="x")
    assert user.email == "nuovo.assunto@test.it"
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNER]


def test_login_with_email_and_wrong_password_message(client, learner):
    response = client.post(
        "/account/login/", {"login": learner.email, "password": "sbagliata"}
    )
    assert response.status_code == 200
    assert "non sono corretti" in response.content.decode()
    response = client.post(
        "/account/login/", {"login": "AGENTE@test.it", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_logout_ends_the_session(login, learner):
    client = login(learner)
    client.post("/account/logout/")
    response = client.get("/la-mia-formazione/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_public_signup_is_closed_by_default(client, db):
    response = client.post(
        "/account/signup/",
        {
            "email": "x@test.it",
            "password1": "Lunga-Pass-2026",
            "password2": "Lunga-Pass-2026",
        },
    )
    assert "Registrazioni Chiuse" in response.content.decode()
    assert not User.objects.filter(email="x@test.it").exists()


def test_signup_opens_with_the_setting(client, db, settings):
    settings.LMS_SIGNUP_OPEN = True
    client.post(
        "/account/signup/",
        {
            "email": "x@test.it",
            "password1": "Lunga-Pass-2026",
            "password2": "Lunga-Pass-2026",
        },
    )
    assert User.objects.filter(email="x@test.it").exists()


@pytest.mark.parametrize(
    ("language", "subject_word"), [("it", "password"), ("en", "Password Reset")]
)
def test_password_reset_mail_in_the_persons_language(
    client, db, language, subject_word
):
    make_user("reset@test.it", preferred_language=language)
    client.cookies["lms_language"] = language
    response = client.post("/account/password/reset/", {"email": "reset@test.it"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert subject_word.lower() in mail.outbox[0].subject.lower()
    assert "/account/password/reset/key/" in mail.outbox[0].body


def test_interface_is_italian_by_default_and_english_on_request(client, db, learner):
    # An English browser still gets Italian: English is a person's choice.
    page = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="it">' in page.content.decode()
    assert "Accedi" in page.content.decode()

    client.post("/lingua/", {"language": "en", "next": "/account/login/"})
    page = client.get("/account/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Sign in" in page or "Log in" in page


def test_language_choice_is_saved_on_the_profile(login, learner):
    client = login(learner)
    response = client.post("/lingua/", {"language": "en", "next": "https://evil.test/"})
    assert response["Location"] == "/", "no open redirect"
    learner.refresh_from_db()
    assert learner.preferred_language == "en"
    assert learner.wagtail_userprofile.preferred_language == "en"
    client.post("/lingua/", {"language": "klingon"})
    learner.refresh_from_db()
    assert learner.preferred_language == "en"


def _import_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_start_with_a_complete_environment():
    result = _import_settings(production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-change-me"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "PostgreSQL"),
        ({"EMAIL_HOST": None}, "EMAIL_HOST"),
        ({"CERTIFICATES_SIGNING_KEY": None}, "CERTIFICATES_SIGNING_KEY"),
        ({"CERTIFICATES_SIGNING_CERT": None}, "CERTIFICATES_SIGNING_CERT"),
        ({"CERTIFICATES_SIGNING_CERT": "/nonexistent.pem"}, "no readable file"),
    ],
)
def test_production_settings_refuse_insecure_defaults(override, message):
    result = _import_settings(production_env(**override))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
