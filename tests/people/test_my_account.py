"""A person's own account page, reached from their name in the header: the
password, the second factor, the sign-in address and a copy of their data."""

import io
import json
import zipfile

from wagtail.models import ModelLogEntry

from people import roles
from tests.builders import make_user


def test_the_name_in_the_header_leads_to_the_account_and_its_pages(learner, login):
    client = login(learner)
    home = client.get("/la-mia-formazione/").content.decode()
    assert 'href="/account/"' in home

    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Il mio account" in html
    assert learner.email in html
    for link in ("/account/password/change/", "/account/2fa/", "/account/email/"):
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200
    assert 'href="/account/i-miei-dati/"' in html


def test_a_person_downloads_their_own_data_and_the_download_is_recorded(login, hr):
    trainer = make_user("formatore@test.it", role=roles.TRAINER)
    response = login(trainer).get("/account/i-miei-dati/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(
        io.BytesIO(
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
    )
    data = json.loads(archive.read("data.json"))
    text = json.dumps(data)
    assert "formatore@test.it" in text
    assert hr.email not in text  # nobody else's records
    entry = ModelLogEntry.objects.get(action="lms.person.export")
    assert entry.user_id == trainer.pk and entry.object_id == str(trainer.pk)


def test_the_data_download_asks_to_sign_in_and_is_not_a_form(client, learner, login):
    assert client.get("/account/i-miei-dati/")["Location"].startswith("/account/login/")
    assert login(learner).post("/account/i-miei-dati/").status_code == 405
    assert not ModelLogEntry.objects.filter(action="lms.person.export").exists()
