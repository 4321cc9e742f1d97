"""The compliance dashboard's manager filter: a chooser that renders only the
chosen manager, and the search behind it (`hr:manager_search`)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from certifications.models import CertificationStatus
from people import roles
from people.forms import MANAGER_UNKNOWN
from tests.builders import make_requirement, make_status, make_user

DASHBOARD = reverse("hr:dashboard")
SEARCH = reverse("hr:manager_search")


def make_teams(count, start=0):
    """`count` managers, Responsabile00 Nome00 (M00) and on, each with one
    person in their team, Agente Squadra00 and on."""
    privacy = make_requirement("Privacy e GDPR")
    bosses = []
    for n in range(start, start + count):
        boss = make_user(
            f"capo{n:02d}@test.it",
            first_name=f"Nome{n:02d}",
            last_name=f"Responsabile{n:02d}",
            employee_id=f"M{n:02d}",
        )
        person = make_user(
            f"agente{n:02d}@test.it",
            first_name="Agente",
            last_name=f"Squadra{n:02d}",
            manager=boss,
        )
        make_status(person, privacy, CertificationStatus.Status.NOT_STARTED)
        bosses.append(boss)
    return bosses


@pytest.fixture
def bosses(db):
    return make_teams(30)


def filter_form(response) -> str:
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    start = page.index('<form method="get" class="filters" role="search"')
    return page[start : page.index("</form>", start)]


def options(form: str) -> list[str]:
    select = re.search(r'<select name="manager".*?</select>', form, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def rows(response) -> str:
    page = response.content.decode()
    return page[page.index('<table class="table table--matrix">') :]


# The dashboard ------------------------------------------------------------------


def test_the_filter_renders_no_manager_until_one_is_chosen(login, hr, bosses):
    form = filter_form(login(hr).get(DASHBOARD))
    assert options(form) == ["Tutti i responsabili"]
    assert not re.search(r"Responsabile\d|Nome\d|capo\d|M\d\d", form)
    # The search that replaces the list, for the script to show.
    assert f'data-chooser="{SEARCH}"' in form
    assert '<label for="id_manager-search">Cerca un responsabile</label>' in form


def test_choosing_a_manager_renders_them_alone_and_filters_the_table(login, hr, bosses):
    chosen = bosses[7]
    response = login(hr).get(DASHBOARD, {"manager": chosen.pk})
    form = filter_form(response)
    assert options(form) == ["Tutti i responsabili", "Responsabile07 Nome07 (M07)"]
    assert f'<option value="{chosen.pk}" selected>' in form
    for boss in bosses:
        if boss != chosen:
            assert boss.last_name not in form
    table = rows(response)
    assert "Squadra07" in table
    assert "Squadra06" not in table and "Squadra08" not in table


@pytest.mark.parametrize(
    "value", ["someone", "abc", "-1", "1.5", "99999999999999999999", "0x10"]
)
def test_a_wrong_manager_is_an_error_beside_the_filter(login, hr, bosses, value):
    everyone = 61  # the 30 managers, their 30 people and HR
    if value == "someone":
        # A person who manages nobody.
        value = make_user("solo@test.it", last_name="Solitario").pk
        everyone += 1
    response = login(hr).get(DASHBOARD, {"manager": value})
    form = filter_form(response)
    assert str(MANAGER_UNKNOWN) in form
    assert options(form) == ["Tutti i responsabili"]
    # Like every other filter in error, it does not filter.
    assert response.context["page"].paginator.count == everyone


def test_a_manager_cannot_filter_by_another_manager(client, bosses):
    client.force_login(bosses[0])
    response = client.get(DASHBOARD, {"manager": bosses[1].pk})
    assert 'name="manager"' not in filter_form(response)
    table = rows(response)
    assert "Squadra00" in table and "Squadra01" not in table


@pytest.mark.parametrize("managers", [2, 30])
@pytest.mark.parametrize("choose", [False, True])
def test_the_dashboard_query_count_does_not_grow_with_the_managers(
    login, hr, managers, choose, django_assert_max_num_queries
):
    bosses = make_teams(managers)
    client = login(hr)
    params = {"manager": bosses[-1].pk} if choose else {}
    # The same for 2 managers or 30: none is read to render the filter. A chosen
    # one costs two queries (the form checks them, the select reads them to
    # show them); the whole company's costs one (the trend looks for recorded
    # figures) where a filtered page derives them.
    with django_assert_max_num_queries(22 if choose else 21):
        assert client.get(DASHBOARD, params).status_code == 200


# The people directory ------------------------------------------------------------

DIRECTORY = reverse("people:people_list")


def test_the_directory_renders_the_chosen_manager_alone_and_filters(login, hr, bosses):
    client = login(hr)
    form = filter_form(client.get(DIRECTORY))
    assert options(form) == ["Tutti i responsabili"]
    assert f'data-chooser="{SEARCH}"' in form
    response = client.get(DIRECTORY, {"manager": bosses[7].pk})
    assert options(filter_form(response)) == [
        "Tutti i responsabili",
        "Responsabile07 Nome07 (M07)",
    ]
    page = response.content.decode()
    assert "Squadra07" in page and "Squadra06" not in page and "Squadra08" not in page


def test_the_directory_explains_a_wrong_manager(login, hr, bosses):
    loner = make_user("solo@test.it", last_name="Solitario")
    response = login(hr).get(DIRECTORY, {"manager": loner.pk})
    assert str(MANAGER_UNKNOWN) in filter_form(response)
    assert "Squadra07" in response.content.decode()  # it does not filter


@pytest.mark.parametrize("managers", [2, 30])
def test_the_directory_query_count_does_not_grow_with_the_managers(
    login, hr, managers, django_assert_max_num_queries
):
    bosses = make_teams(managers)
    client = login(hr)
    # The same for 2 managers or 30: only the chosen one is read to show it.
    with django_assert_max_num_queries(11):
        assert client.get(DIRECTORY, {"manager": bosses[-1].pk}).status_code == 200


# The search ---------------------------------------------------------------------


def search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    "q",
    [
        "responsabile07",  # surname, any case
        "NOME07",  # first name
        "capo07@",  # e-mail
        "m07",  # employee ID
        "nome07 Responsabile07",  # every word, in any order
    ],
)
def test_search_finds_a_manager_by_name_email_or_employee_id(login, hr, bosses, q):
    assert search(login(hr), q) == [
        {"id": bosses[7].pk, "label": "Responsabile07 Nome07 (M07)"}
    ]


def test_search_finds_only_managers_twenty_at_most_in_name_order(login, hr, bosses):
    client = login(hr)
    found = search(client, "responsabile")
    assert [person["label"] for person in found] == [
        f"Responsabile{n:02d} Nome{n:02d} (M{n:02d})" for n in range(20)
    ]
    # Their teams manage nobody.
    assert search(client, "squadra") == []
    assert search(client, "agente00@test.it") == []


def test_a_manager_without_employee_id_reads_with_their_email(login, hr, db):
    boss = make_user("capa@test.it", first_name="Rita", last_name="Ferri")
    make_user("suo@test.it", manager=boss)
    assert search(login(hr), "ferri") == [
        {"id": boss.pk, "label": "Ferri Rita (capa@test.it)"}
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_search_query_count_is_flat(login, hr, db, size, django_assert_num_queries):
    make_teams(size)
    client = login(hr)
    # Session, user, HR's permissions (2), the managers.
    with django_assert_num_queries(5):
        assert len(search(client, "nome")) == min(size, 20)


@pytest.mark.parametrize("q", ["", "   ", "%", "_", "'; drop table", "\u00e8\u0301"])
def test_search_takes_any_text(login, hr, bosses, q):
    assert search(login(hr), q) == []


def test_search_refuses_what_no_person_would_type(login, hr, bosses):
    client = login(hr)
    assert client.get(SEARCH).json() == []
    too_long = client.get(SEARCH, {"q": "a" * 101})
    assert too_long.status_code == 400
    assert "100" in too_long.json()["error"]
    assert client.get(SEARCH, {"q": "capo\x00"}).status_code == 400
    assert client.post(SEARCH, {"q": "capo"}).status_code == 405


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, None])
def test_only_hr_may_search(client, bosses, role):
    if role is None:
        # A manager: their team is on the dashboard, with no manager filter.
        client.force_login(bosses[0])
    else:
        client.force_login(make_user("altro@test.it", role=role))
    assert client.get(SEARCH, {"q": "responsabile"}).status_code == 403
    anonymous = Client().get(SEARCH, {"q": "responsabile"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/account/login/")
