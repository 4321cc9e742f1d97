"""HR figures that can be trusted: no template syntax on the pages, the headline
tiles and the table read the same rows, and every status has its own word."""

import re

import pytest
from django.core.management import call_command

from certifications.models import CertificationStatus
from people import roles
from people.models import Department
from tests.builders import (
    days,
    make_certification,
    make_requirement,
    make_status,
    make_user,
    pass_course,
)
from tests.people.dashboard import URL, S, matrix


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


def tile(page: str, status: str) -> int:
    found = re.search(rf'status={status}">[^<]+</a></dt><dd>(\d+)</dd>', page)
    assert found, status
    return int(found.group(1))


@pytest.fixture
def statuses(db):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    safety = make_requirement("Sicurezza", validity_months=24)
    rows = [
        (S.CERTIFIED, S.EXPIRING),
        (S.REVIEW_REQUIRED, S.OVERDUE),
        (S.EXPIRED, S.IN_PROGRESS),
        (S.NOT_STARTED, S.OVERDUE),
        (S.CERTIFIED, None),
    ]
    for n, (first, second) in enumerate(rows):
        person = make_user(f"p{n}@test.it", last_name=f"Persona {n}", department=care)
        make_status(person, privacy, first, valid_until=days(100), due_date=days(5))
        if second:
            make_status(person, safety, second, valid_until=days(9), due_date=days(-1))
    return {"care": care, "privacy": privacy}


def badges(page: str, status: str) -> int:
    return matrix(page).count(f'class="badge status--{status}"')


def test_each_tile_is_the_number_of_its_badges_in_the_table(login, hr, statuses):
    client = login(hr)
    page = client.get(URL).content.decode()
    for status in S.values:
        if status == S.CERTIFIED:
            continue
        assert tile(page, status) == badges(page, status), status
    valid = sum(badges(page, s) for s in (S.CERTIFIED, S.EXPIRING, S.REVIEW_REQUIRED))
    assert tile(page, "valid") == valid == 4
    assert "44%" in page  # 4 of 9 rows hold a valid certificate
    # A tile opens the table with exactly the people it counts.
    for status in ("valid", *S.values):
        if status == S.CERTIFIED:
            continue
        certification = client.get(
            URL, {"status": status, "certification": statuses["privacy"].pk}
        ).content.decode()
        # With one certification, a person is one cell: the tile of that
        # certification is the number of people listed.
        listed = matrix(certification).count('<th scope="row">')
        assert tile(certification, status) == listed, status


def test_review_required_has_its_own_word_and_colour(login, hr, statuses):
    client = login(hr)
    page = client.get(URL).content.decode()
    assert 'status--review_required">Revisione di policy richiesta</span>' in page
    assert 'status--expiring">In scadenza</span>' in page
    person = CertificationStatus.objects.get(status=S.REVIEW_REQUIRED).user
    transcript = client.get(f"/hr/storico/{person.pk}/").content.decode()
    assert 'status--review_required">Revisione di policy richiesta</span>' in (
        transcript
    )
    filtered = client.get(URL, {"status": "review_required"}).content.decode()
    assert matrix(filtered).count('<th scope="row">') == 1


def test_certificates_tile_counts_certificates_inside_the_renewal_window(
    login, hr, course, django_capture_on_commit_callbacks, travel
):
    """Two agents of the contact centre each hold a certificate valid for two
    months: ten days later (the daily job), inside the 55-day renewal window,
    "In scadenza", and still certificates."""
    contact = Department.objects.create(name="Contact center", code="cc")
    certification = make_certification(
        course,
        name="Servizio clienti",
        validity_months=2,
        renewal_window_days=55,
        required_for_everyone=False,
    )
    certification.required_departments.add(contact)
    certification.save()
    for name in ("anna", "luca"):
        agent = make_user(
            f"{name}@test.it",
            role=roles.LEARNER,
            hire_date=days(-5),
            department=contact,
        )
        with django_capture_on_commit_callbacks(execute=True):
            pass_course(agent, course)
    travel(days(10))
    call_command("lms_daily")
    page = login(hr).get(URL).content.decode()
    assert badges(page, S.EXPIRING) == 2
    assert tile(page, "valid") == 2
    assert "100%" in page
