"""The training-hours register: modules answer for themselves, other kinds come
through the `training_hours` hook's public contract, and every page, export and
the API read the same sums."""

import csv
import datetime
import io

import openpyxl
import pytest
from wagtail.models import Site

from certificates.models import OrganisationSettings
from courses.selectors import course_modules
from courses.services import enrollment_create, module_complete
from courses.signals import HoursEntry, training_hours
from hr.hours import hours_register
from people import roles
from tests.builders import make_course, make_user
from tests.pdfs import pdf_text

DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def team(db):
    boss = make_user("capo@test.it", first_name="Sara", last_name="Capo")
    anna = make_user(
        "anna@test.it",
        first_name="Anna",
        last_name="Ricci",
        employee_id="A1",
        manager=boss,
        role=roles.LEARNER,
    )
    luca = make_user(
        "luca@test.it", first_name="Luca", last_name="Conti", employee_id="A2"
    )
    return boss, anna, luca


@pytest.fixture
def sessions():
    """A stand-in for the classroom and observation apps: whatever they will
    record reaches the register through the hook's public contract."""
    given = []

    def receiver(sender, user_ids, start, end, course_ids=None, **kwargs):
        return [
            entry
            for entry in given
            if (user_ids is None or entry.user_id in user_ids)
            and (course_ids is None or entry.course_id in course_ids)
        ]

    training_hours.connect(receiver, dispatch_uid="test_sessions")
    yield given
    training_hours.disconnect(dispatch_uid="test_sessions")


def _complete_all(user, course, day, travel):
    travel(day)
    enrollment_create(user=user, course=course)
    for module in course_modules(course=course):
        module_complete(user=user, module=module)


@pytest.fixture
def course_with_minutes(catalogue):
    course = make_course(catalogue, title="Accoglienza", modules=2)
    for minutes, module in zip((30, 45), course_modules(course=course), strict=True):
        module.estimated_minutes = minutes
        module.save_revision().publish()
    return course


def test_modules_sessions_and_observations_add_up(
    team, course_with_minutes, sessions, travel
):
    _boss, anna, luca = team
    course = course_with_minutes
    _complete_all(anna, course, DAY, travel)
    sessions += [
        HoursEntry(anna.pk, DAY, 120, "session", "Aula: ascolto", course.pk, "Marco"),
        HoursEntry(anna.pk, DAY, 20, "observation", "Osservazione", None, "Sara"),
        HoursEntry(luca.pk, DAY, 60, "session", "Aula: ascolto", course.pk, "Marco"),
    ]
    register = hours_register(
        user_ids=[anna.pk, luca.pk],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    hers = register.people[anna.pk]
    assert hers.minutes == 30 + 45 + 120 + 20
    assert hers.by_kind == {"module": 75, "session": 120, "observation": 20}
    assert hers.by_course == {course.pk: 195, None: 20}
    assert hers.hours == 3.58
    assert register.people[luca.pk].minutes == 60
    assert register.course_titles == {course.pk: "Accoglienza"}


def test_period_and_course_filters(team, course_with_minutes, catalogue, travel):
    _boss, anna, _luca = team
    other = make_course(catalogue, title="Reclami", modules=1)
    _complete_all(anna, course_with_minutes, DAY, travel)
    _complete_all(anna, other, datetime.date(2025, 12, 31), travel)

    def minutes(start, end, course_ids=None):
        return (
            hours_register(
                user_ids=[anna.pk], start=start, end=end, course_ids=course_ids
            )
            .people[anna.pk]
            .minutes
        )

    assert minutes(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) == 75
    assert minutes(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == 15
    assert minutes(DAY, DAY) == 75
    assert minutes(DAY + datetime.timedelta(1), datetime.date(2026, 12, 31)) == 0
    assert (
        minutes(datetime.date(2025, 1, 1), datetime.date(2026, 12, 31), [other.pk])
        == 15
    )


def test_register_page_is_scoped_to_the_team(
    client, login, team, course_with_minutes, sessions, travel, hr
):
    boss, anna, luca = team
    _complete_all(anna, course_with_minutes, DAY, travel)
    _complete_all(luca, course_with_minutes, DAY, travel)
    query = {"start": "2026-01-01", "end": "2026-12-31"}
    page = login(boss).get("/hr/ore/", query).content.decode()
    assert "Anna Ricci" in page and "Luca Conti" not in page
    page = login(hr).get("/hr/ore/", query).content.decode()
    assert "Anna Ricci" in page and "Luca Conti" in page
    client.logout()
    login(anna)
    assert client.get("/hr/ore/").status_code == 403
    assert client.get("/hr/ore/esporta.csv").status_code == 403


def test_bad_period_is_a_message_not_an_error(login, hr):
    page = login(hr).get("/hr/ore/", {"start": "2026-05-01", "end": "2026-01-01"})
    assert page.status_code == 200
    assert "La data di fine viene prima della data di inizio." in page.content.decode()
    assert login(hr).get("/hr/ore/", {"start": "ieri"}).status_code == 200
    assert login(hr).get("/hr/ore/esporta.doc").status_code == 404


def test_register_exports_parse_back(
    login, hr, team, course_with_minutes, sessions, travel
):
    _boss, anna, _luca = team
    course = course_with_minutes
    _complete_all(anna, course, DAY, travel)
    sessions.append(
        HoursEntry(anna.pk, DAY, 90, "session", "Aula: ascolto", course.pk, "Marco")
    )
    query = {"course": course.pk, "start": "2026-01-01", "end": "2026-12-31"}
    web = login(hr)

    response = web.get("/hr/ore/esporta.csv", query)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Matricola", "Persona", "Data", "Ore"]
    session = next(row for row in rows if row[5] == "Aula: ascolto")
    assert session[:4] == ["A1", "Anna Ricci", "10/03/2026", "1,5"]
    assert session[4] == "Sessione in aula" and session[7] == "Marco"
    assert len(rows) == 4

    response = web.get("/hr/ore/esporta.xlsx", query)
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content))
    ).active
    values = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Registro ore"
    assert sum(row[3] for row in values[1:]) == pytest.approx(0.5 + 0.75 + 1.5)
    assert values[1][2].date() == DAY

    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.name, organisation.address = "Contact Italia S.p.A.", "Via Roma 1"
    organisation.save()
    response = web.get("/hr/ore/esporta.pdf", query)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Registro delle ore di formazione" in text
    assert "Contact Italia S.p.A." in text and "Via Roma 1" in text
    assert "Firma del responsabile della formazione" in text
    assert "Anna Ricci" in text and "Aula: ascolto" in text and "2,75" in text


@pytest.mark.parametrize("people", [1, 6])
def test_register_page_queries_do_not_grow(
    login, hr, catalogue, people, travel, django_assert_max_num_queries
):
    course = make_course(catalogue, title="Accoglienza", modules=2)
    for n in range(people):
        _complete_all(make_user(f"p{n}@test.it"), course, DAY, travel)
    web = login(hr)
    with django_assert_max_num_queries(14):
        page = web.get("/hr/ore/", {"start": "2026-01-01", "end": "2026-12-31"})
    assert page.content.decode().count("Accoglienza") >= people


def test_api_hours(client, login, hr, team, course_with_minutes, sessions, travel):
    _boss, anna, luca = team
    _complete_all(anna, course_with_minutes, DAY, travel)
    sessions.append(HoursEntry(anna.pk, DAY, 20, "observation", "Oss.", None, "Sara"))
    page = login(hr).post("/hr/api/token/", {"name": "Paghe"}).content.decode()
    start = page.index('value="lms_') + len('value="')
    token = page[start : page.index('"', start)]
    client.logout()
    response = client.get(
        "/api/v1/hours",
        {"start": "2026-01-01", "end": "2026-12-31", "employee_id": "A1"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["employee_id"] == "A1" and item["minutes"] == 95
    assert item["by_kind"] == {"module": 75, "session": 0, "observation": 20}
    assert {c["course_id"]: c["minutes"] for c in item["by_course"]} == {
        course_with_minutes.pk: 75,
        None: 20,
    }
    bad = client.get(
        "/api/v1/hours",
        {"start": "2026-05-01", "end": "2026-01-01"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert bad.status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/hours" in schema["paths"]


def test_transcript_shows_the_hours_of_the_period(
    login, hr, team, course_with_minutes, sessions, travel
):
    _boss, anna, _luca = team
    _complete_all(anna, course_with_minutes, DAY, travel)
    sessions.append(
        HoursEntry(anna.pk, DAY, 120, "session", "Aula", course_with_minutes.pk)
    )
    web = login(hr)
    query = {"start": "2026-01-01", "end": "2026-12-31"}
    page = web.get(f"/hr/storico/{anna.pk}/", query).content.decode()
    assert "Ore di formazione dal 01/01/2026 al 31/12/2026" in page
    assert "Totale: 3,25 ore" in page
    assert f"/hr/storico/{anna.pk}/pdf/?start=2026-01-01" in page
    empty = web.get(
        f"/hr/storico/{anna.pk}/", {"start": "2025-01-01", "end": "2025-12-31"}
    )
    assert "Totale: 0 ore" in empty.content.decode()
    text = pdf_text(web.get(f"/hr/storico/{anna.pk}/pdf/", query).content)
    assert "Ore di formazione dal 01/01/2026 al 31/12/2026" in text
    assert "Totale: 3,25 ore" in text and "Sessione in aula" in text


def test_compliance_export_has_the_hours_column(
    login, hr, team, course_with_minutes, travel
):
    from tests.builders import make_requirement, make_status

    _boss, anna, luca = team
    _complete_all(anna, course_with_minutes, DAY, travel)
    privacy = make_requirement()
    make_status(anna, privacy, "certified")
    make_status(luca, privacy, "overdue")
    web = login(hr)
    response = web.get(
        "/hr/conformita/esporta.csv", {"start": "2026-01-01", "end": "2026-12-31"}
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][-1] == "Ore di formazione"
    hours = {row[0]: row[-1] for row in rows[1:]}
    assert hours == {"A1": "1,25", "A2": "0"}
    # The dashboard offers the period with the export.
    page = web.get("/hr/conformita/").content.decode()
    assert "Esporta CSV con le ore" in page
    other_year = web.get(
        "/hr/conformita/esporta.xlsx", {"start": "2025-01-01", "end": "2025-12-31"}
    )
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(other_year.streaming_content))
    ).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-1] == "Ore di formazione"
    assert {row[-1] for row in values[1:]} == {0}


def _row(page: str, marker: str) -> str:
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def _total(page: str, name: str) -> str:
    """The hours figure of a person's line in the register's totals."""
    row = _row(page[page.index('id="totals-title"') :], name)
    return row.split("<td>")[2].split("</td>")[0]


def test_a_deactivated_persons_hours_are_the_same_for_hr_and_the_team_leader(
    client, login, hr, team, course_with_minutes, travel, commit
):
    """Hours earned stay on record when a person leaves, and HR and their team
    leader read the same figure: both list them by default, both hide them
    when asked for active people only."""
    boss, anna, _luca = team
    make_user("mario@test.it", first_name="Mario", last_name="Neri", manager=boss)
    with commit():
        _complete_all(anna, course_with_minutes, DAY, travel)
    # HR deactivates her: she has left.
    login(hr).post(f"/hr/persone/{anna.pk}/attivo/", {"active": "0"})
    anna.refresh_from_db()
    assert not anna.is_active

    year = {"start": "2026-01-01", "end": "2026-12-31"}
    as_hr = login(hr).get("/hr/ore/", year).content.decode()
    as_boss = login(boss).get("/hr/ore/", year).content.decode()
    assert _total(as_hr, "Anna Ricci") == _total(as_boss, "Anna Ricci") == "1,25"
    assert "Disattivato" in _row(as_boss, "Anna Ricci")

    # The exports say what the page says, to both.
    for reader in (hr, boss):
        response = login(reader).get("/hr/ore/esporta.csv", year)
        text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=";") if r[0] == "A1"]
        assert sorted(r[3] for r in rows) == ["0,5", "0,75"]

    # Both open her transcript, with the same hours.
    for reader in (hr, boss):
        page = login(reader).get(f"/hr/storico/{anna.pk}/", year)
        assert page.status_code == 200
        assert "Totale: 1,25 ore" in page.content.decode()

    # Only active people, when asked, on both pages alike.
    for reader in (hr, boss):
        page = login(reader).get("/hr/ore/", {**year, "active": "yes"})
        assert "Anna Ricci" not in page.content.decode()

    # And the API, which is HR's.
    page = login(hr).post("/hr/api/token/", {"name": "Paghe"}).content.decode()
    start = page.index('value="lms_') + len('value="')
    token = page[start : page.index('"', start)]
    client.logout()
    for active, hours in (("", [1.25]), ("true", []), ("false", [1.25])):
        body = client.get(
            "/api/v1/hours",
            {**year, "employee_id": "A1", **({"active": active} if active else {})},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).json()
        assert [item["hours"] for item in body["items"]] == hours
