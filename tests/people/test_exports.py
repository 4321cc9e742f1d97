"""Exports ready for Italian Excel, read back as Excel would: CSV in UTF-8 with
a BOM and `;` (`,` on request), XLSX with real dates, a named sheet and a
frozen, filtered header; words in the exporting person's language."""

import csv
import datetime
import html
import io
import re

import pytest
from openpyxl import load_workbook

from certifications.models import CertificationStatus
from people.models import Department, User
from tests.builders import make_person, make_requirement, make_status, make_user

S = CertificationStatus.Status
VALID_UNTIL = datetime.date(2027, 3, 31)
DUE = datetime.date(2026, 1, 15)


@pytest.fixture
def data(db):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    anna = make_person(
        "anna", department=care, employee_id="A1", hire_date=datetime.date(2024, 2, 1)
    )
    luca = make_person("luca", employee_id="A2")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    make_status(anna, privacy, S.REVIEW_REQUIRED, valid_until=VALID_UNTIL)
    make_status(luca, privacy, S.OVERDUE, due_date=DUE)
    return locals()


def read_csv(response, delimiter=";"):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))


def read_xlsx(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_compliance_csv_for_italian_excel(login, hr, data):
    client = login(hr)
    rows = read_csv(client.get("/hr/conformita/esporta.csv"))
    assert rows[0] == [
        "Matricola",
        "Cognome",
        "Nome",
        "E-mail",
        "Reparto",
        "Matricola del responsabile",
        "Certificazione",
        "Stato",
        "Valida fino al",
        "Da conseguire entro",
        "Ore di formazione",
    ]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["A1"][7] == "Revisione di policy richiesta"
    assert by_id["A1"][8] == "31/03/2027"
    assert by_id["A2"][7] == "In ritardo" and by_id["A2"][9] == "15/01/2026"
    # The comma, on request.
    rows = read_csv(client.get("/hr/conformita/esporta.csv", {"sep": "comma"}), ",")
    assert rows[0][:3] == ["Matricola", "Cognome", "Nome"] and len(rows) == 3


def test_compliance_csv_in_english_for_an_english_reader(client, data):
    from people import roles

    reader = make_user("hr-en@test.it", role=roles.HR, preferred_language="en")
    client.force_login(reader)
    rows = read_csv(client.get("/hr/conformita/esporta.csv"))
    assert rows[0][:3] == ["Employee ID", "Last name", "First name"]
    statuses = {row[0]: row[7] for row in rows[1:]}
    assert statuses == {"A1": "Policy review required", "A2": "Overdue"}
    assert {row[0]: row[8] for row in rows[1:]}["A1"] == "2027-03-31"


def test_compliance_xlsx_has_real_dates_a_named_sheet_and_a_filtered_header(
    login, hr, data
):
    book = read_xlsx(login(hr).get("/hr/conformita/esporta.xlsx"))
    sheet = book.active
    assert sheet.title == "Conformità"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K3"  # the last column: training hours
    assert [c.value for c in sheet[1]][:3] == ["Matricola", "Cognome", "Nome"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    cell = rows["A1"][8]
    assert cell.value == datetime.datetime(2027, 3, 31)  # noqa: DTZ001
    assert cell.number_format == "dd/mm/yyyy"
    assert rows["A1"][7].value == "Revisione di policy richiesta"
    assert rows["A2"][9].value == datetime.datetime(2026, 1, 15)  # noqa: DTZ001


def test_people_export_in_both_formats(login, hr, data):
    client = login(hr)
    rows = read_csv(client.get("/hr/persone/esporta.csv", {"q": "ricci"}))
    assert rows[0][:3] == ["Matricola", "Nome", "Cognome"]
    assert rows[1][6] == "01/02/2024" and rows[1][9] == "Sì"
    sheet = read_xlsx(client.get("/hr/persone/esporta.xlsx", {"q": "ricci"})).active
    assert sheet.title == "Persone" and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref
    hired = sheet.cell(row=2, column=7)
    assert hired.value == datetime.datetime(2024, 2, 1)  # noqa: DTZ001
    assert hired.number_format == "dd/mm/yyyy"


def test_certificates_export_in_words(
    login, hr, course, django_capture_on_commit_callbacks
):
    from people import roles
    from tests.builders import pass_course

    agent = make_user("agente@test.it", role=roles.LEARNER, employee_id="C1")
    with django_capture_on_commit_callbacks(execute=True):
        pass_course(agent, course)
    client = login(hr)
    rows = read_csv(client.get("/hr/certificati/esporta.csv"))
    assert rows[0][1] == "Codice di verifica" and rows[0][12] == "Stato"
    assert rows[1][12] == "Valido"
    sheet = read_xlsx(client.get("/hr/certificati/esporta.xlsx")).active
    assert sheet.title == "Certificati"
    issued = sheet.cell(row=2, column=11)
    assert isinstance(issued.value, datetime.datetime)
    assert issued.number_format == "dd/mm/yyyy hh:mm"


def test_xlsx_keeps_awkward_names_intact_and_streams_before_the_last_row(
    login, hr, data
):
    """The XLSX is written by the project (`lms.xlsx`): what people type into
    a profile (ampersands, angle brackets, a bell character pasted from a
    terminal, Excel's own escape syntax, a formula, spaces at the ends) comes
    back as typed, and a large export sends its first bytes before the last
    row is read."""
    make_user(
        "strano@test.it",
        first_name=" Ugo & <Figli> ",
        last_name="Bell\x07_x0041_",
        job_title='=HYPERLINK("http://x")',
        employee_id="Z9",
    )
    User.objects.bulk_create(
        User(email=f"p{index}@test.it", employee_id=f"P{index:03d}")
        for index in range(600)
    )
    response = login(hr).get("/hr/persone/esporta.xlsx")
    chunks = iter(response.streaming_content)
    first = next(chunks)
    # More than one chunk: the file leaves in pieces as rows are written.
    rest = b"".join(chunks)
    assert first and rest
    sheet = load_workbook(io.BytesIO(first + rest)).active
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert {f"P{index:03d}" for index in range(600)} <= rows.keys()
    awkward = rows["Z9"]
    assert awkward[1] == " Ugo & <Figli> "
    # Excel reads _x0007_ as the bell and _x005F_ as a literal underscore,
    # so the name round-trips in Excel; openpyxl shows the escapes.
    assert awkward[2] == "Bell_x0007__x005F_x0041_"
    assert '\'=HYPERLINK("http://x")' in awkward


def _export_link(page: str, label: str) -> str:
    (href,) = re.findall(rf'href="([^"]+)">{label}</a>', page)
    return html.unescape(href)


@pytest.mark.parametrize(
    "page_url, filters, kept_column",
    [
        ("/hr/persone/", {"q": "ricci"}, 2),
        ("/hr/conformita/", {"q": "ricci"}, 1),
        ("/hr/certificati/", {"status": "revoked"}, None),
    ],
)
def test_the_export_buttons_export_what_the_list_shows(
    login,
    hr,
    data,
    course,
    django_capture_on_commit_callbacks,
    page_url,
    filters,
    kept_column,
):
    """HR filters a list, then clicks "Esporta CSV" or "Esporta XLSX": the file
    holds the filtered rows only, not the whole company."""
    from people import roles
    from tests.builders import pass_course

    agent = make_user("agente@test.it", role=roles.LEARNER, employee_id="C1")
    with django_capture_on_commit_callbacks(execute=True):
        pass_course(agent, course)
    client = login(hr)
    page = client.get(page_url, filters).content.decode()
    rows = read_csv(client.get(_export_link(page, "Esporta CSV")))
    sheet = read_xlsx(client.get(_export_link(page, "Esporta XLSX"))).active
    if kept_column is None:  # no certificate is revoked: the header alone
        assert len(rows) == 1 and sheet.max_row == 1
    else:
        assert {row[kept_column] for row in rows[1:]} == {"Ricci"}
        assert {cell.value for cell in sheet["A"][1:]} == {"A1"}  # Matricola
    # Without filters the same buttons export more than the filtered list.
    page = client.get(page_url).content.decode()
    assert len(read_csv(client.get(_export_link(page, "Esporta CSV")))) > len(rows)


@pytest.mark.parametrize(
    "sort, order", [("name", ["A2", "A1"]), ("-name", ["A1", "A2"])]
)
def test_the_compliance_export_keeps_the_order_the_page_shows(
    login, hr, data, sort, order
):
    """HR sorts the dashboard's table Z-A and exports it: the file is in the
    same order, not always A-Z."""
    client = login(hr)
    page = client.get("/hr/conformita/", {"sort": sort}).content.decode()
    shown = [code for code in re.findall(r"\bA[12]\b", page) if code in order]
    assert list(dict.fromkeys(shown)) == order
    rows = read_csv(client.get(_export_link(page, "Esporta CSV")))
    assert [row[0] for row in rows[1:]] == order
