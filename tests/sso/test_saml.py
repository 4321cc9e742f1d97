"""Company sign-in through SAML 2.0 (allauth's `saml` provider) against a real
identity provider built with pysaml2 and signing with xmlsec1
(tests/sso/saml_idp.py). The IdP's pages are gone through with plain HTTP here;
tests/browser/test_company_sign_in.py clicks through them."""

import base64
import re
from urllib.parse import urlsplit

import pytest
import requests
from lxml import etree

from people import roles
from people.models import User
from tests.builders import PASSWORD, make_user
from tests.sso.password_login import assert_password_login_off_for_example_test
from tests.sso.saml_idp import (
    DEPARTMENT,
    JOB_TITLE,
    ORG,
    PROVIDER_NAME,
    configure,
)

BUTTON = f"Accedi con {PROVIDER_NAME}"
SAML_NS = {
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}


@pytest.fixture(autouse=True)
def host_header(client):
    # Browsers always send Host; allauth's SAML views read it, Django's test
    # client sends none unless told.
    client.defaults["HTTP_HOST"] = "testserver"


def start_sign_in(client) -> str:
    """Click the SAML company button on the sign-in page (a POST to allauth);
    return the IdP address it sends the browser to."""
    page = client.get("/account/login/").content.decode()
    action = re.search(r'<form method="post" action="([^"]+saml[^"]+)"', page)
    assert action, "no SAML company sign-in button"
    assert BUTTON in page
    response = client.post(action.group(1).replace("&amp;", "&"))
    assert response.status_code == 302
    return response["Location"]


def response_from_idp(redirect_url: str, login: str) -> tuple[str, dict]:
    """Sign in at the IdP's page; return the ACS address and the form the IdP
    would have the browser post there (SAMLResponse, RelayState)."""
    session = requests.Session()
    page = session.get(redirect_url, timeout=10).text
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    base = "{0.scheme}://{0.netloc}".format(urlsplit(redirect_url))
    page = session.post(
        f"{base}/sso/login", data={"key": key, "login": login}, timeout=10
    ).text
    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
    fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', page))
    return action, fields


def post_to_acs(client, action: str, fields: dict):
    assert action.startswith(f"http://testserver/account/saml/{ORG}/acs/")
    return client.post(action.removeprefix("http://testserver"), fields, follow=True)


def sign_in(client, login: str):
    action, fields = response_from_idp(start_sign_in(client), login)
    return post_to_acs(client, action, fields)


def edit_response(fields: dict, change) -> dict:
    """The IdP's SAMLResponse changed after signing by `change(xml root)`."""
    root = etree.fromstring(base64.b64decode(fields["SAMLResponse"]))
    change(root)
    return {**fields, "SAMLResponse": base64.b64encode(etree.tostring(root)).decode()}


def test_imported_person_signs_in_with_saml(client, saml_idp):
    person = make_user("agente@example.test", role=roles.LEARNER)
    response = sign_in(client, "agente@example.test")
    assert response.status_code == 200
    assert "La mia formazione" in response.content.decode()
    assert response.wsgi_request.user == person
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    account = person.socialaccount_set.get()
    assert account.uid == "agente@example.test"


def test_unknown_person_is_refused(client, saml_idp):
    response = sign_in(client, "sconosciuto")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Non c&#x27;è un account per sconosciuto@example.test" in page
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(email="sconosciuto@example.test").exists()


def test_unverified_email_matches_nobody(client, saml_idp):
    make_user("unverified@example.test", role=roles.LEARNER)
    response = sign_in(client, "unverified")
    assert response.status_code == 403
    assert "non ha confermato un indirizzo e-mail" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_department_and_job_title_come_from_the_attributes(client, settings, saml_idp):
    configure(
        settings,
        saml_idp,
        claims={"department": DEPARTMENT, "job_title": JOB_TITLE},
    )
    person = make_user("agente@example.test", role=roles.LEARNER)
    sign_in(client, "agente@example.test")
    person.refresh_from_db()
    assert person.job_title == "Specialista reclami"
    assert person.department.name == "Reclami"


def test_provider_set_to_create_people_makes_learners(client, settings, saml_idp):
    configure(settings, saml_idp, create_users=True)
    response = sign_in(client, "nuovo")
    assert "La mia formazione" in response.content.decode()
    person = User.objects.get(email="nuovo@example.test")
    assert list(person.groups.values_list("name", flat=True)) == [roles.LEARNER]
    assert (person.first_name, person.last_name) == ("Prova", "Saml")
    assert not person.has_usable_password()


def become_the_director(root):
    for value in root.iterfind(".//saml:AttributeValue", SAML_NS):
        if value.text == "agente@example.test":
            value.text = "direttore@example.test"
    name_id = root.find(".//saml:NameID", SAML_NS)
    name_id.text = "direttore@example.test"


def break_the_signature(root):
    signature = root.find(".//ds:SignatureValue", SAML_NS)
    raw = bytearray(base64.b64decode(signature.text))
    raw[10] ^= 0xFF
    signature.text = base64.b64encode(bytes(raw)).decode()


def drop_the_signature(root):
    signature = root.find(".//ds:Signature", SAML_NS)
    signature.getparent().remove(signature)


@pytest.mark.parametrize(
    "tamper", [become_the_director, break_the_signature, drop_the_signature]
)
def test_a_response_changed_after_the_idp_signed_it_is_refused(
    client, saml_idp, tamper
):
    """The agent's signed response, changed on its way back (an attribute made
    to name the director, the signature broken or dropped), opens no account."""
    make_user("agente@example.test", role=roles.LEARNER)
    make_user("direttore@example.test", role=roles.HR)
    action, fields = response_from_idp(start_sign_in(client), "agente@example.test")

    response = post_to_acs(client, action, edit_response(fields, tamper))
    page = response.content.decode()
    assert "Accesso non riuscito" in page
    assert "La mia formazione" not in page
    assert not response.wsgi_request.user.is_authenticated


def test_response_replayed_in_another_session_is_refused(client, saml_idp):
    """Without the sign-in's state (another browser, or a replay after use),
    the signed response alone opens nothing: IdP-initiated sign-in is off."""
    make_user("agente@example.test", role=roles.LEARNER)
    action, fields = response_from_idp(start_sign_in(client), "agente@example.test")
    assert post_to_acs(client, action, fields).wsgi_request.user.is_authenticated
    client.post("/account/logout/")
    client.cookies.clear()
    response = post_to_acs(client, action, fields)
    assert "Accesso non riuscito" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_privileged_role_needs_mfa_unless_a_trusted_idp_asserts_it(
    client, settings, saml_idp
):
    settings.LMS_MFA_REQUIRED = True
    make_user("formatore@example.test", role=roles.TRAINER)
    make_user("mfa.formatore@example.test", role=roles.TRAINER)
    # Not trusted for MFA: even the IdP's MFA context leads to the TOTP set-up.
    response = sign_in(client, "mfa.formatore@example.test")
    assert "/account/2fa/totp/activate/" in [url for url, _ in response.redirect_chain]
    client.post("/account/logout/")
    # Trusted: the AuthnContextClassRef saying MFA lets them in...
    configure(settings, saml_idp, trusts_mfa=True)
    response = sign_in(client, "mfa.formatore@example.test")
    assert response.redirect_chain[-1][0] == "/la-mia-formazione/"
    assert client.get("/admin/").status_code == 200
    client.post("/account/logout/")
    # ...and a password-only context does not.
    response = sign_in(client, "formatore@example.test")
    assert "/account/2fa/totp/activate/" in [url for url, _ in response.redirect_chain]


def test_password_login_off_for_the_idp_domain(client, settings, saml_idp):
    configure(settings, saml_idp, password_login_domains=["example.test"])
    assert_password_login_off_for_example_test(client, BUTTON)


def test_sign_in_page_may_send_forms_to_the_idp(client, saml_idp):
    policy = client.get("/account/login/")["Content-Security-Policy"]
    form_action = next(
        part for part in policy.split(";") if part.strip().startswith("form-action")
    )
    assert saml_idp.url in form_action
    # Only the account pages.
    assert saml_idp.url not in client.get("/")["Content-Security-Policy"]


def test_sp_metadata_names_the_acs(client, saml_idp):
    response = client.get(f"/account/saml/{ORG}/metadata/")
    assert response.status_code == 200
    assert f"http://testserver/account/saml/{ORG}/acs/" in response.content.decode()
