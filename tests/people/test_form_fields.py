"""Every form field of the site's pages is drawn by one template
(`includes/field.html`). Django names the help and the error of a field in
its `aria-describedby`; a screen reader reads them only if elements with those
ids are on the page, filters' help included (shown to screen readers only)."""

import re

from people import roles
from tests.builders import make_user


def described_ids_missing(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = {
        name
        for value in re.findall(r'aria-describedby="([^"]+)"', html)
        for name in value.split()
    }
    return sorted(named - ids)


def test_help_and_errors_are_tied_to_their_fields(client, login, hr):
    login(hr)
    pages = {
        "new person, no e-mail": client.post(
            "/hr/persone/nuova/", {"first_name": "Anna"}
        ),
        "people import": client.get("/hr/persone/importa/"),
        "API tokens, no name": client.post("/hr/api/token/", {"name": ""}),
        "people directory": client.get("/hr/persone/"),
        "certificates, bad dates": client.get(
            "/hr/certificati/", {"issued_from": "ieri"}
        ),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'aria-describedby="' in html, name
        assert described_ids_missing(html) == [], name
    # An error is announced beside its field and marks the field invalid.
    html = pages["new person, no e-mail"].content.decode()
    assert 'aria-invalid="true"' in html and '_error" role="alert"' in html


def test_a_filters_help_stays_for_screen_readers(client, login, hr):
    make_user("capo@test.it", role=roles.LEARNER)
    login(hr)
    html = client.get("/hr/persone/").content.decode()
    assert 'class="field__help visually-hidden" id="id_q_helptext"' in html
