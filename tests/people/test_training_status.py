from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from certificates.models import Certificate
from courses.selectors import course_modules
from people import roles
from people.models import Department
from people.services import user_set_language
from tests.builders import make_course, make_user, take_quiz

URL = "/hr/stato-formazione/"


def _row(page: str, name: str) -> str:
    body = page[page.index("<tbody>") :]
    start = body.index(name)
    return body[start : body.index("</tr>", start)]


@pytest.fixture
def team(course, login):
    """Three agents: one certified, one in progress, one who never started."""
    sales = Department.objects.create(name="Vendite", code="vendite")
    care = Department.objects.create(name="Assistenza", code="assistenza")
    done = make_user(
        "anna@test.it", first_name="Anna", last_name="Ricci", department=care
    )
    half = make_user(
        "luca@test.it", first_name="Luca", last_name="Conti", department=care
    )
    make_user("sara@test.it", first_name="Sara", last_name="Greco", department=sales)
    modules = course_modules(course=course)
    for person, count in ((done, len(modules)), (half, 1)):
        client = login(person)
        client.post(f"/corsi/{course.pk}/iscrizione/")
        for module in modules[:count]:
            client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(login(done), course)
    assert Certificate.objects.filter(user=done).exists()
    return {"sales": sales, "care": care}


def test_hr_sees_each_persons_status(login, hr, team):
    page = login(hr).get(URL).content.decode()
    assert "Certificato" in _row(page, "Anna Ricci")
    # 1 of 3 modules plus the quiz still to pass: 25 %, as Luca sees it himself.
    assert "In corso" in _row(page, "Luca Conti") and "25%" in _row(page, "Luca Conti")
    # Nobody assigned Sara the course: not "not started".
    assert "Non assegnato" in _row(page, "Sara Greco")
    assert "Non iniziato" not in _row(page, "Sara Greco")
    # One HR entry point, two named views.
    assert 'aria-current="page">Stato formazione: persone × corsi' in page
    assert 'href="/hr/conformita/">Conformità: persone × certificazioni' in page
    certificate = Certificate.objects.get()
    assert certificate.issued_at.strftime("%Y") in _row(page, "Anna Ricci")


@pytest.mark.parametrize(
    ("day", "italian", "english"),
    [
        (8, "rilasciato l'8 dicembre 2026", "issued on 8 December 2026"),
        (17, "rilasciato il 17 dicembre 2026", "issued on 17 December 2026"),
        (1, "rilasciato il 1º dicembre 2026", "issued on 1 December 2026"),
    ],
)
def test_a_certified_cell_says_the_day_is_the_issue(
    login, hr, team, day, italian, english
):
    """A bare date beside "Certificato" read as the day it ends."""
    Certificate.objects.update(
        issued_at=datetime(2026, 12, day, 10, tzinfo=ZoneInfo("Europe/Rome"))
    )
    client = login(hr)
    page = client.get(URL).content.decode().replace("&#x27;", "'")
    assert italian in _row(page, "Anna Ricci")
    user_set_language(user=hr, language="en")
    page = client.get(URL).content.decode()
    assert english in _row(page, "Anna Ricci")


def test_filters_by_department_and_search(login, hr, team):
    client = login(hr)
    page = client.get(URL, {"department": team["sales"].pk}).content.decode()
    assert "Sara Greco" in page and "Anna Ricci" not in page
    page = client.get(URL, {"q": "conti"}).content.decode()
    assert "Luca Conti" in page and "Sara Greco" not in page


def test_bad_filter_values_are_explained_not_crashed(login, hr, team):
    response = login(hr).get(
        URL, {"department": "abc", "course": "999999", "page": "x"}
    )
    assert response.status_code == 200
    assert "Scegli un&#x27;opzione valida" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [(roles.LEARNER, 403), (roles.TRAINER, 403)]
)
def test_learners_and_trainers_get_403(client, db, role, status):
    client.force_login(make_user("x@test.it", role=role))
    assert client.get(URL).status_code == status


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/account/login/")


@pytest.mark.parametrize("people", [3, 30])
def test_query_count_does_not_grow_with_people_or_courses(
    login, hr, catalogue, people, django_assert_max_num_queries
):
    courses = [make_course(catalogue, title=f"Corso {n}", modules=2) for n in range(2)]
    for n in range(people):
        person = make_user(f"p{n}@test.it", last_name=f"Persona {n:02d}")
        client = login(person)
        client.post(f"/corsi/{courses[n % 2].pk}/iscrizione/")
    client = login(hr)
    # 15 = 14 + the unread-notifications count in the header.
    # +1: the observation step (courses.completion_requirements); +1: the
    # courses that require a classroom session (the same hook). +3: whether
    # the enrolments with nothing done have started (activity recorded by
    # courses, then observations and classroom: started_enrollment_ids).
    with django_assert_max_num_queries(21):
        page = client.get(URL)
    assert page.content.decode().count('<th scope="row">') == people + 1
