"""Company sign-in in a real browser against a real OpenID provider (the npm
package oidc-provider, started by the `oidc_provider` fixture) and a real SAML
identity provider (pysaml2, the `saml_idp` fixture): the person clicks the
company button, signs in at the provider's own pages and lands on their
training; someone HR never imported is refused in Italian."""

import pytest

from people import roles
from people.models import User
from tests.builders import make_course, make_site, make_user
from tests.sso.oidc_provider import PROVIDER_NAME
from tests.sso.saml_idp import PROVIDER_NAME as SAML_PROVIDER_NAME


def sign_in_at_the_provider(page, login):
    page.get_by_role("button", name=f"Accedi con {PROVIDER_NAME}").click()
    # The provider's development sign-in and consent pages (in English).
    page.get_by_placeholder("Enter any login").fill(login)
    page.get_by_placeholder("and password").fill("qualsiasi")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def sign_in_at_the_saml_idp(page, login):
    page.get_by_role("button", name=f"Accedi con {SAML_PROVIDER_NAME}").click()
    # The test IdP's pages (tests/sso/saml_idp.py, pysaml2).
    page.get_by_placeholder("Nome utente").fill(login)
    page.get_by_role("button", name="Accedi all'IdP").click()
    # The signed assertion is posted back to the site by the person's browser.
    page.get_by_role("button", name="Continua").click()
    page.wait_for_load_state()


# Each provider: the fixture that starts it, and how a person signs in there.
# The site's side of the journey is the same for both.
PROVIDERS = [
    pytest.param("oidc_provider", sign_in_at_the_provider, id="oidc"),
    pytest.param("saml_idp", sign_in_at_the_saml_idp, id="saml"),
]


@pytest.mark.parametrize(("provider", "sign_in_there"), PROVIDERS)
def test_person_signs_in_with_the_company_provider(
    page, request, provider, sign_in_there
):
    request.getfixturevalue(provider)
    make_course(make_site(), title="Fondamenti del servizio", modules=1)
    make_user("agente@example.test", role=roles.LEARNER, first_name="Giulia")

    page.goto("/account/login/")
    sign_in_there(page, "agente@example.test")

    page.get_by_role("heading", name="La mia formazione").wait_for()
    assert page.url.endswith("/la-mia-formazione/")


@pytest.mark.parametrize(("provider", "sign_in_there"), PROVIDERS)
def test_unknown_person_is_refused(page, request, provider, sign_in_there):
    request.getfixturevalue(provider)
    make_site()
    page.goto("/account/login/")
    sign_in_there(page, "sconosciuto@example.test")

    page.get_by_role("heading", name="Accesso non riuscito").wait_for()
    assert "Non c'è un account per sconosciuto@example.test" in page.inner_text("main")
    assert not User.objects.filter(email="sconosciuto@example.test").exists()
    page.get_by_role("link", name="Torna alla pagina di accesso").click()
    page.get_by_role("heading", name="Accedi").wait_for()
