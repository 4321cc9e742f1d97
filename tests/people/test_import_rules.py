"""What an import keeps, counts and refuses: columns the file does not have,
the valid-row figure, over-long fields and managers in a loop."""

import datetime

import pytest

from people.models import User
from tests.builders import make_departments, make_person
from tests.people.test_import import apply, csv_bytes, preview, text


@pytest.fixture
def staff(db):
    care, _sales = make_departments()
    boss = make_person(
        "boss",
        employee_id="CC-3001",
        department=care,
        job_title="Team leader",
        hire_date=datetime.date(2019, 5, 2),
    )
    anna = make_person(
        "anna",
        employee_id="CC-3002",
        department=care,
        manager=boss,
        job_title="Agente",
        hire_date=datetime.date(2024, 3, 1),
        preferred_language="en",
    )
    return {"care": care, "boss": boss, "anna": anna}


def _kept(person):
    person.refresh_from_db()
    return (
        person.department_id,
        person.manager_id,
        person.job_title,
        person.hire_date,
        person.preferred_language,
    )


def test_a_file_without_optional_columns_keeps_those_fields(login, hr, staff):
    anna, boss = staff["anna"], staff["boss"]
    before = {p.pk: _kept(p) for p in (anna, boss)}
    content = csv_bytes(
        "CC-3001;Carla;Capo;capo@test.it",
        "CC-3002;Anna;Rossi;anna@test.it",
        header="matricola;nome;cognome;e-mail",
    )
    url, page = preview(login(hr), content)
    shown = text(page)
    assert "Cognome: Ricci → Rossi" in shown
    for label in ("Reparto:", "Responsabile:", "Mansione:", "Data di assunzione:"):
        assert label not in shown
    assert "Invariate 1" in shown
    apply(login(hr), url)
    assert {p.pk: _kept(p) for p in (anna, boss)} == before
    assert anna.last_name == "Rossi"


def test_an_empty_cell_of_a_present_column_still_clears(login, hr, staff):
    anna = staff["anna"]
    content = csv_bytes(
        "CC-3001,Carla,Capo,capo@test.it,Assistenza,Team leader,",
        "CC-3002,Anna,Ricci,anna@test.it,,,",
        header="matricola,nome,cognome,email,reparto,mansione,responsabile",
    )
    url, page = preview(login(hr), content)
    shown = text(page)
    assert "Reparto: Assistenza → —" in shown
    assert "Responsabile: Carla Capo (CC-3001) → —" in shown
    assert "Data di assunzione:" not in shown
    apply(login(hr), url)
    anna.refresh_from_db()
    assert (anna.department, anna.manager, anna.job_title) == (None, None, "")
    assert anna.hire_date == datetime.date(2024, 3, 1)


def test_valid_rows_count_what_the_apply_would_carry_out(login, hr, staff):
    content = csv_bytes(
        "CC-3002,Anna,Ricci,anna@test.it,Assistenza,Agente,2024-03-01,CC-3001,fr",
        "N1,Nico,Nuovo,nico@test.it,,,,,",
        "CC-3001,Carla,Capo,capo@test.it,Assistenza,Capo turno,2019-05-02,,it",
        "N2,Nora,Neri,nora@test.it,,,,X9,",
    )
    _url, page = preview(login(hr), content)
    shown = text(page)
    assert "Errori 2" in shown
    assert "Nuove persone 1" in shown and "Aggiornamenti 1" in shown
    assert "Righe valide 2" in shown


def test_a_field_past_the_csv_limit_is_named_with_its_line(login, hr):
    content = csv_bytes(
        "A1,Anna,Ricci,anna@test.it,,,,,",
        "A2,Bea,Neri,bea@test.it,," + "x" * 200_000 + ",,,",
    )
    _url, page = preview(login(hr), content)
    assert (
        "Alla riga 3 un campo supera il limite di 131.072 caratteri: il file non "
        "si può leggere." in page
    )
    assert "virgolette" not in page


def test_managers_in_a_loop_within_the_file_are_refused(login, hr, staff):
    content = csv_bytes(
        "CC-3001,Carla,Capo,capo@test.it,Assistenza,,,CC-3002,",
        "CC-3002,Anna,Ricci,anna@test.it,Assistenza,,,CC-3001,",
        "N1,Nico,Nuovo,nico@test.it,,,,CC-3001,",
    )
    url, page = preview(login(hr), content)
    shown = text(page)
    assert (
        "La catena dei responsabili torna a questa persona: "
        "CC-3001 → CC-3002 → CC-3001." in shown
    )
    assert "CC-3002 → CC-3001 → CC-3002." in shown
    assert "Errori 2" in shown and "Righe valide 1" in shown
    apply(login(hr), url)
    staff["boss"].refresh_from_db()
    assert staff["boss"].manager is None
    assert not User.objects.filter(employee_id="N1").exists()


def test_a_loop_through_someone_not_in_the_file_is_refused(login, hr, staff):
    # Anna already reports to Carla: Carla cannot now report to Anna.
    content = csv_bytes(
        "CC-3001,Carla,Capo,capo@test.it,Assistenza,,,anna@test.it",
        header="matricola,nome,cognome,email,reparto,mansione,data assunzione,"
        "e-mail responsabile",
    )
    url, page = preview(login(hr), content)
    assert "CC-3001 → CC-3002 → CC-3001." in text(page)
    apply(login(hr), url)
    staff["boss"].refresh_from_db()
    assert staff["boss"].manager is None
