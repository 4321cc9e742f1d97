"""HR figures that can be trusted: no template syntax on the pages, the headline
tiles and the table read the same rows, and every status has its own word."""

import datetime

import pytest
from django.utils import timezone

from certifications.models import CertificationStatus
from people import roles
from tests.builders import (
    make_certification,
    make_user,
    pass_course,
)

S = CertificationStatus.Status
URL = "/hr/conformita/"
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def certified(course, django_capture_on_commit_callbacks):
    """An agent with a real certificate, earned through the services."""
    make_certification(course, name="Servizio clienti")
    agent = make_user(
        "agente@test.it",
        role=roles.LEARNER,
        first_name="Anna",
        last_name="Ricci",
        hire_date=days(-10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        certificate = pass_course(agent, course)
    return agent, certificate


def test_no_page_shows_raw_template_syntax(client, login, hr, course, certified):
    agent, certificate = certified
    hr_pages = [
        URL,
        "/hr/stato-formazione/",
        f"/hr/storico/{agent.pk}/",
        "/hr/certificati/",
    ]
    client = login(hr)
    pages = {url: client.get(url) for url in hr_pages}
    client = login(agent)
    for url in ("/la-mia-formazione/", course.url, f"/hr/storico/{agent.pk}/"):
        pages[url + " (learner)"] = client.get(url)
    client.logout()
    pages["verify"] = client.get(f"/verifica/{certificate.verification_code}/")
    for url, response in pages.items():
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "{#" not in html and "{%" not in html and "#}" not in html, url


def test_no_template_comment_spans_lines():
    """Django's `{# #}` ends at the line's end: a longer one shows on the page."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    broken = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if ".venv" not in path.parts
        and any("{#" in line and "#}" not in line for line in path.open())
    ]
    assert broken == []
