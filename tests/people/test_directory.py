import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from people import roles
from people.forms import ERROR_EMAIL_TAKEN
from people.models import User
from tests.builders import (
    PASSWORD,
    make_departments,
    make_person,
    make_user,
    post_new_person,
)

URL = "/hr/persone/"


@pytest.fixture
def company(db):
    care, sales = make_departments()
    boss = make_person("boss", department=care, employee_id="E001")
    anna = make_person(
        "anna",
        department=care,
        manager=boss,
        employee_id="E002",
        hire_date=datetime.date(2024, 3, 1),
    )
    luca = make_person(
        "luca",
        department=sales,
        employee_id="E003",
        hire_date=datetime.date(2026, 1, 10),
        role=roles.TRAINER,
    )
    gone = make_user(
        "ex@test.it",
        first_name="Ezio",
        last_name="Andato",
        department=sales,
        employee_id="E004",
        is_active=False,
    )
    return {
        "care": care,
        "sales": sales,
        "boss": boss,
        "anna": anna,
        "luca": luca,
        "gone": gone,
    }


def _names(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"q": "ricci"}, ["Anna Ricci"], ["Luca Conti"]),
        ({"q": "luca@test"}, ["Luca Conti"], ["Anna Ricci"]),
        ({"q": "E003"}, ["Luca Conti"], ["Anna Ricci"]),
        ({"department": "sales"}, ["Luca Conti", "Ezio Andato"], ["Anna Ricci"]),
        ({"manager": "boss"}, ["Anna Ricci"], ["Luca Conti"]),
        ({"role": roles.TRAINER}, ["Luca Conti"], ["Anna Ricci"]),
        ({"active": "no"}, ["Ezio Andato"], ["Anna Ricci"]),
        ({"active": "yes"}, ["Anna Ricci"], ["Ezio Andato"]),
        ({"hired_from": "2025-01-01"}, ["Luca Conti"], ["Anna Ricci"]),
        ({"hired_to": "2025-01-01"}, ["Anna Ricci"], ["Luca Conti"]),
    ],
)
def test_each_filter(login, hr, company, params, shown, hidden):
    params = {
        k: (company[v].pk if k in ("department", "manager") else v)
        for k, v in params.items()
    }
    page = _names(login(hr).get(URL, params))
    body = page[page.index("<tbody>") :]
    for name in shown:
        assert name in body
    for name in hidden:
        assert name not in body


def test_bad_filter_values_are_explained(login, hr, company):
    response = login(hr).get(
        URL, {"department": "x", "hired_from": "ieri", "page": "z"}
    )
    assert response.status_code == 200
    assert "Inserisci una data valida" in response.content.decode()


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER])
def test_others_get_403(client, db, role):
    client.force_login(make_user("x@test.it", role=role))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "nuova/").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/account/login/")


@pytest.mark.parametrize("extra", [3, 40])
def test_query_count_is_flat(login, hr, company, extra, django_assert_max_num_queries):
    for n in range(extra):
        make_user(f"p{n}@test.it", department=company["care"], manager=company["boss"])
    client = login(hr)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_hr_creates_edits_and_deactivates(login, hr, company, client):
    web = login(hr)
    response = web.post(
        URL + "nuova/",
        {
            "first_name": "Nina",
            "last_name": "Nuova",
            "email": "Nina@Test.it",
            "employee_id": "E010",
            "department": company["care"].pk,
            "hire_date": "2026-02-01",
            "manager": "E001",
            "preferred_language": "en",
            "roles": [Group.objects.get(name=roles.LEARNER).pk],
        },
    )
    assert response.status_code == 302
    nina = User.objects.get(employee_id="E010")
    assert nina.email == "nina@test.it" and nina.groups.filter(name=roles.LEARNER)
    assert nina.manager == company["boss"]
    assert 'value="E001"' in web.get(f"{URL}{nina.pk}/").content.decode()
    assert ModelLogEntry.objects.filter(action="lms.person.create").exists()

    response = web.post(
        f"{URL}{nina.pk}/",
        {
            "first_name": "Nina",
            "last_name": "Nuova",
            "email": "nina@test.it",
            "employee_id": "E010",
            "job_title": "Team leader",
            "preferred_language": "it",
            "roles": [Group.objects.get(name=roles.LEARNER).pk],
        },
    )
    assert response.status_code == 302
    nina.refresh_from_db()
    assert nina.job_title == "Team leader" and nina.department is None
    assert nina.groups.filter(name=roles.LEARNER).exists()

    anna = company["anna"]
    web.post(f"{URL}{anna.pk}/attivo/")
    anna.refresh_from_db()
    assert not anna.is_active
    assert ModelLogEntry.objects.filter(action="lms.person.deactivate").exists()
    web.logout()
    assert not client.login(email=anna.email, password=PASSWORD)
    # Still listed for HR, with records kept.
    page = _names(login(hr).get(URL, {"active": "no"}))
    assert "Anna Ricci" in page


def test_unknown_manager_id_is_a_form_error(login, hr, company):
    response = post_new_person(login(hr), manager="NOPE")
    assert "Nessuna persona attiva con questa matricola." in response.content.decode()


def test_duplicate_email_is_a_form_error(login, hr, company):
    response = post_new_person(login(hr), email="anna@test.it")
    assert response.status_code == 200
    assert str(ERROR_EMAIL_TAKEN) in response.content.decode().replace("&#x27;", "'")


def test_a_hire_date_out_of_range_is_a_form_error(login, hr, company):
    """Year 9999 would overflow every deadline counted from it."""
    response = post_new_person(login(hr), hire_date="9999-12-31")
    assert response.status_code == 200
    page = response.content.decode()
    assert "La data di assunzione deve essere tra il 1900 e il 2100." in page
    assert not User.objects.filter(email="ab@test.it").exists()
