"""Requests refused before a view answers get the site's own page, in the
layout and the person's language, with a way back: a stale form (CSRF), an
address meant for a form's button (405), the admin for someone without access."""

import pytest
from django.test import Client

from tests.builders import PASSWORD

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
