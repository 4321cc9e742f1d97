"""Requests refused before a view answers get the site's own page, in the
layout and the person's language, with a way back: a stale form (CSRF), an
address meant for a form's button (405), the admin for someone without access."""

import pytest
from django.test import Client

from people import roles
from tests.builders import PASSWORD, make_user

LAYOUT = 'href="/verifica/"'  # the header's "Verifica certificato" link


def _signed_in(user):
    client = Client(enforce_csrf_checks=True)
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("token", [None, "stale"])
def test_a_refused_form_says_the_page_expired(learner, token):
    client = _signed_in(learner)
    data = {}
    if token:
        client.cookies["csrftoken"] = "a" * 32
        data["csrfmiddlewaretoken"] = "b" * 32
    response = client.post(
        "/notifiche/lette/", data, HTTP_REFERER="http://testserver/notifiche/"
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Pagina scaduta" in page and "ricarica la pagina e riprova" in page
    assert LAYOUT in page
    assert 'href="http://testserver/notifiche/"' in page  # back where it was
    assert "Verifica CSRF fallita" not in page


def test_the_expired_page_speaks_english_and_links_no_other_site(learner):
    learner.preferred_language = "en"
    learner.save()
    client = _signed_in(learner)
    response = client.post(
        "/notifiche/lette/", HTTP_REFERER="https://elsewhere.example/phish"
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Page expired" in page and "reload the page and try again" in page
    assert "elsewhere.example" not in page
    assert LAYOUT in page


@pytest.mark.parametrize("who", ["learner", "team_leader"])
@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/"])
def test_the_admin_refuses_a_signed_in_person_without_looping(client, db, who, url):
    """The test client raises on a redirect chain that repeats."""
    person = make_user(f"{who}@test.it", role=roles.LEARNER)
    if who == "team_leader":
        make_user("report@test.it", role=roles.LEARNER, manager=person)
    client.force_login(person)
    response = client.get(url, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    page = response.content.decode()
    assert "Il tuo ruolo non permette di vedere questa pagina" in page
    assert LAYOUT in page


def test_the_admin_still_sends_a_visitor_to_sign_in(client, db):
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/account/login/")


HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_a_button_pressed_after_the_session_expired_leads_to_a_page(client, learner):
    """Signed out, the person presses "Segna tutte come lette"; after signing
    in, the sign-in sends them to that POST-only address as a GET."""
    response = client.post("/notifiche/lette/", **HTML)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/account/login/?next=")
    response = client.post(
        login, {"login": learner.email, "password": PASSWORD}, follow=True, **HTML
    )
    assert response.redirect_chain[-1][0] == "/notifiche/lette/"
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Azione non eseguita" in page and "premilo di nuovo" in page
    assert LAYOUT in page and "Torna alla pagina iniziale" in page


@pytest.mark.parametrize(
    "url",
    ["/notifiche/lette/", "/sessioni/1/prenota/", "/corsi/1/iscrizione/"]
    + ["/questionari/1/ignora/"],
)
def test_post_only_addresses_opened_as_pages(login, learner, url):
    client = login(learner)
    response = client.get(url, **HTML)
    assert response.status_code == 405
    assert "Azione non eseguita" in response.content.decode()
    # A client that does not ask for HTML keeps Django's bare answer.
    bare = client.get(url)
    assert bare.status_code == 405 and bare.content == b""
    assert bare["Allow"] == response["Allow"]
