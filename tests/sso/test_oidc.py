"""Company sign-in against a real OpenID provider (oidc-provider, run by Node:
tests/sso/oidc_provider.py). The provider's own sign-in pages are filled in with
plain HTTP here; tests/browser/test_company_sign_in.py clicks through them."""

import re
from urllib.parse import urljoin

import pytest
import requests
from django.contrib.auth.models import Group

from people import roles
from people.models import User
from tests.builders import PASSWORD, make_user
from tests.mfa import totp_set_up
from tests.sso.oidc_provider import PROVIDER_NAME, configure
from tests.sso.password_login import assert_password_login_off_for_example_test

BUTTON = f"Accedi con {PROVIDER_NAME}"


def start_sign_in(client):
    """Click the company button on the sign-in page (a POST to allauth)."""
    page = client.get("/account/login/").content.decode()
    action = re.search(r'<form method="post" action="([^"]+oidc[^"]+)"', page)
    assert action, "no company sign-in button"
    response = client.post(action.group(1).replace("&amp;", "&"))
    assert response.status_code == 302
    return response["Location"]


def sign_in_at_provider(client, authorize_url, login):
    """Go through the provider's sign-in and consent pages; return our
    callback's response (followed)."""
    session = requests.Session()
    url = authorize_url
    for _ in range(10):
        response = session.get(url, allow_redirects=False, timeout=10)
        while response.status_code == 200:
            action = re.search(r'action="([^"]+)"', response.text).group(1)
            hidden = dict(
                re.findall(
                    r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                    response.text,
                )
            )
            response = session.post(
                urljoin(url, action),
                data={**hidden, "login": login, "password": "x"},
                allow_redirects=False,
                timeout=10,
            )
        assert "Location" in response.headers, response.text[:500]
        location = response.headers["Location"]
        if location.startswith("http://testserver/"):
            return client.get(location.removeprefix("http://testserver"), follow=True)
        url = urljoin(url, location)
    raise AssertionError("the provider never sent the person back")


def test_imported_person_signs_in_with_the_company_provider(client, oidc_provider):
    person = make_user("agente@example.test", role=roles.LEARNER)
    response = sign_in_at_provider(client, start_sign_in(client), "agente@example.test")
    assert response.status_code == 200
    assert "La mia formazione" in response.content.decode()
    assert response.wsgi_request.user == person
    # The person keeps their password (HR's account is the same one).
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_department_and_job_title_come_from_the_claims(client, settings, oidc_provider):
    configure(
        settings,
        oidc_provider,
        claims={"department": "department", "job_title": "job_title"},
    )
    person = make_user("agente@example.test", role=roles.LEARNER)
    sign_in_at_provider(client, start_sign_in(client), "agente@example.test")
    person.refresh_from_db()
    assert person.job_title == "Operatore"
    assert person.department.name == "Assistenza clienti"


def test_unknown_person_is_refused(client, oidc_provider):
    response = sign_in_at_provider(client, start_sign_in(client), "sconosciuto")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Non c&#x27;è un account per sconosciuto@example.test" in page
    assert "Risorse umane" in page
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(email="sconosciuto@example.test").exists()


def test_unverified_email_matches_nobody(client, oidc_provider):
    make_user("unverified@example.test", role=roles.LEARNER)
    response = sign_in_at_provider(client, start_sign_in(client), "unverified")
    assert response.status_code == 403
    assert "non ha confermato un indirizzo e-mail" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_provider_set_to_create_people_makes_learners(client, settings, oidc_provider):
    configure(settings, oidc_provider, create_users=True)
    response = sign_in_at_provider(client, start_sign_in(client), "nuovo")
    assert "La mia formazione" in response.content.decode()
    person = User.objects.get(email="nuovo@example.test")
    assert list(person.groups.values_list("name", flat=True)) == [roles.LEARNER]
    assert (person.first_name, person.last_name) == ("Prova", "Aziendale")
    assert not person.has_usable_password()


def test_wrong_state_is_refused(client, oidc_provider):
    start_sign_in(client)
    response = client.get(
        "/account/oidc/azienda/login/callback/",
        {"code": "qualcosa", "state": "non-il-nostro"},
    )
    assert "Accesso non riuscito" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_tampered_state_after_real_sign_in_is_refused(client, oidc_provider):
    make_user("agente@example.test", role=roles.LEARNER)
    authorize_url = start_sign_in(client)
    real_state = re.search(r"state=([^&]+)", authorize_url).group(1)
    tampered = authorize_url.replace(real_state, real_state[:-2] + "xx")
    response = sign_in_at_provider(client, tampered, "agente@example.test")
    page = response.content.decode()
    assert "Accesso non riuscito" in page
    assert "la richiesta non è valida" in page
    assert "Torna alla pagina di accesso" in page
    assert not response.wsgi_request.user.is_authenticated


def test_wrong_nonce_is_refused(client, oidc_provider):
    """The provider signs an ID token for the nonce it was given; one that is
    not the nonce this sign-in sent (people.providers) is refused, even with
    the right state and a valid code."""
    make_user("agente@example.test", role=roles.LEARNER)
    authorize_url = start_sign_in(client)
    real_nonce = re.search(r"[?&]nonce=([^&]+)", authorize_url).group(1)
    assert len(real_nonce) >= 32
    tampered = authorize_url.replace(f"nonce={real_nonce}", "nonce=un-altro-nonce")
    response = sign_in_at_provider(client, tampered, "agente@example.test")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accesso non riuscito" in page
    assert "non corrisponde a questa richiesta di accesso" in page
    assert not response.wsgi_request.user.is_authenticated
    # The same sign-in with its own nonce goes through.
    response = sign_in_at_provider(client, start_sign_in(client), "agente@example.test")
    assert response.wsgi_request.user.is_authenticated


def test_person_created_by_the_provider_sets_up_totp_without_a_password(
    client, settings, oidc_provider
):
    """Someone the provider created has no password and no second factor:
    allauth's re-confirmation before adding a factor must not stop them
    (people.sso.provider_sign_in_stands_for_reauthentication)."""
    from people.services import person_roles_set

    settings.LMS_MFA_REQUIRED = True
    configure(settings, oidc_provider, create_users=True)
    sign_in_at_provider(client, start_sign_in(client), "nuovo")
    client.post("/account/logout/")
    person = User.objects.get(email="nuovo@example.test")
    assert not person.has_usable_password()
    hr = make_user("hr@test.it", role=roles.HR)
    person_roles_set(
        person=person, by=hr, groups=[Group.objects.get(name=roles.TRAINER)]
    )

    # A trainer now: signed in at the provider, sent to set up TOTP, and the
    # set-up page opens (it was a 403: no password to re-confirm).
    response = sign_in_at_provider(client, start_sign_in(client), "nuovo")
    assert response.redirect_chain[-1][0] == "/account/2fa/totp/activate/"
    assert response.status_code == 200
    assert "reauthenticate" not in response.wsgi_request.path

    # Later than allauth's re-authentication window, the re-confirmation is a
    # new sign-in at the provider, which brings them back to the set-up.
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    response = client.get("/account/2fa/totp/activate/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/account/oidc/azienda/login/?next=")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    page = client.get(login_url).content.decode()
    assert f"Accedi con {PROVIDER_NAME}" in page
    assert "Continua per confermare chi sei" in page
    response = client.post(login_url)
    response = sign_in_at_provider(client, response["Location"], "nuovo")
    assert response.redirect_chain[-1][0] == "/account/2fa/totp/activate/"
    assert response.status_code == 200

    totp_set_up(client, person)
    assert client.get("/admin/").status_code == 200


def test_person_with_a_password_still_confirms_it(client, settings, oidc_provider):
    """The shortcut is only for people with nothing else to re-confirm."""
    settings.LMS_MFA_REQUIRED = True
    make_user("formatore@example.test", role=roles.TRAINER)
    sign_in_at_provider(client, start_sign_in(client), "formatore@example.test")
    response = client.get("/account/2fa/totp/activate/")
    assert response["Location"].startswith("/account/reauthenticate/")


@pytest.mark.parametrize(
    "email",
    ["formatore@example.test", "mfa.formatore@example.test"],
    ids=["without-amr", "amr-ignored"],
)
def test_privileged_role_still_needs_mfa_unless_provider_is_trusted(
    client, settings, oidc_provider, email
):
    """A provider not trusted for MFA: its `amr` claim (mfa.formatore's
    sign-in asserts a second factor) is ignored like no claim at all."""
    settings.LMS_MFA_REQUIRED = True
    make_user(email, role=roles.TRAINER)
    response = sign_in_at_provider(client, start_sign_in(client), email)
    # Signed in, but sent to set up the second factor first.
    assert response.wsgi_request.user.is_authenticated
    assert "/account/2fa/totp/activate/" in [url for url, _ in response.redirect_chain]


def test_password_login_off_for_the_provider_domain(client, settings, oidc_provider):
    configure(settings, oidc_provider, password_login_domains=["example.test"])
    assert_password_login_off_for_example_test(client, BUTTON)


def test_no_button_without_a_provider(client, db):
    assert BUTTON not in client.get("/account/login/").content.decode()
    assert Group.objects.filter(name=roles.LEARNER).exists()


def test_trusted_provider_asserting_mfa_lets_privileged_roles_in(
    client, settings, oidc_provider
):
    settings.LMS_MFA_REQUIRED = True
    configure(settings, oidc_provider, trusts_mfa=True)
    make_user("formatore@example.test", role=roles.TRAINER)
    make_user("mfa.formatore@example.test", role=roles.TRAINER)
    # The provider says a second factor was used: straight to the training.
    response = sign_in_at_provider(
        client, start_sign_in(client), "mfa.formatore@example.test"
    )
    assert response.redirect_chain[-1][0] == "/la-mia-formazione/"
    assert not any("2fa" in url for url, _ in response.redirect_chain)
    assert client.get("/admin/").status_code == 200
    # Without `amr` the same trusted provider's sign-in still needs the set-up.
    client.post("/account/logout/")
    response = sign_in_at_provider(
        client, start_sign_in(client), "formatore@example.test"
    )
    assert "/account/2fa/totp/activate/" in [url for url, _ in response.redirect_chain]


def test_provider_trusted_for_email_matches_without_email_verified(
    client, settings, oidc_provider
):
    configure(settings, oidc_provider, trusts_email=True)
    person = make_user("unverified@example.test", role=roles.LEARNER)
    response = sign_in_at_provider(client, start_sign_in(client), "unverified")
    assert response.wsgi_request.user == person


def test_totp_prompt_after_company_sign_in_unless_provider_asserted_mfa(
    client, settings, oidc_provider
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    configure(settings, oidc_provider, trusts_mfa=True)
    plain = make_user("formatore@example.test", role=roles.TRAINER)
    with_mfa = make_user("mfa.formatore@example.test", role=roles.TRAINER)
    for person in (plain, with_mfa):
        TOTP.activate(person, generate_totp_secret())
    # No `amr`: the site's own TOTP code is asked before the person is in.
    response = sign_in_at_provider(
        client, start_sign_in(client), "formatore@example.test"
    )
    assert response.redirect_chain[-1][0] == "/account/2fa/authenticate/"
    assert not response.wsgi_request.user.is_authenticated
    # The trusted provider did the second factor: no second prompt.
    client.cookies.clear()
    response = sign_in_at_provider(
        client, start_sign_in(client), "mfa.formatore@example.test"
    )
    assert response.redirect_chain[-1][0] == "/la-mia-formazione/"
    assert response.wsgi_request.user == with_mfa


def test_signed_in_person_cannot_link_a_company_identity(client, oidc_provider):
    learner = make_user("agente@test.it", role=roles.LEARNER)
    make_user("altro@example.test", role=roles.LEARNER)
    client.force_login(learner)
    response = client.post(
        "/account/oidc/azienda/login/", {"process": "connect"}, follow=False
    )
    response = sign_in_at_provider(client, response["Location"], "altro@example.test")
    assert response.status_code == 403
    assert "serve solo per entrare" in response.content.decode()
    assert not learner.socialaccount_set.exists()
