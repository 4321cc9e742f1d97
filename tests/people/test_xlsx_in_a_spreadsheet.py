"""The XLSX exports are written by the project's own writer (`lms.xlsx`, chosen
for speed in docs/hr-benchmark.md). openpyxl reading them back (test_exports)
proves they are well-formed; this proves a real spreadsheet shows what HR
expects. LibreOffice Calc, headless and in Italian, opens the export and saves
what it shows as CSV, and that must be what the same page's CSV export says,
cell for cell, awkward cells included. Slow: it starts LibreOffice (installed
by `scripts/system-deps.sh slow`), so it runs in `make test-slow`."""

import csv
import datetime
import io
import shutil
import subprocess

import pytest

from people.models import Department
from tests.builders import make_person, make_user

pytestmark = pytest.mark.slow

# Calc's CSV filter: `;` between fields, `"` around text, UTF-8, from row 1,
# Italian formats, and each cell saved as shown (dates as dd/mm/yyyy).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1040,false,true,true"


def _as_calc_shows(xlsx: bytes, tmp_path) -> list[list[str]]:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run scripts/system-deps.sh slow"
    source = tmp_path / "export.xlsx"
    source.write_bytes(xlsx)
    subprocess.run(  # noqa: S603 - a fixed command on a file the test wrote
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "out" / "export.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _download(client, url: str, **query) -> bytes:
    return b"".join(client.get(url, query).streaming_content)


def test_a_spreadsheet_shows_the_xlsx_export_as_the_csv_export_says(
    login, hr, tmp_path
):
    care = Department.objects.create(name="Assistenza; reclami", code="assistenza")
    make_person(
        "anna",
        department=care,
        employee_id="A1",
        hire_date=datetime.date(2024, 2, 1),
    )
    make_user(
        "strano@test.it",
        first_name=" Ugo & <Figli> ",
        last_name="Rossi_x0041_",
        job_title='=HYPERLINK("http://x")',
        employee_id="Z9",
        hire_date=datetime.date(1900, 3, 1),
    )
    client = login(hr)
    shown = _as_calc_shows(_download(client, "/hr/persone/esporta.xlsx"), tmp_path)
    raw = _download(client, "/hr/persone/esporta.csv").decode("utf-8-sig")
    said = list(csv.reader(io.StringIO(raw), delimiter=";"))

    assert shown == said
    # What that equality covers, row by row, as HR would check it by eye.
    by_id = {row[0]: row for row in shown[1:]}
    assert by_id["A1"][6] == "01/02/2024"  # a date, in Italian order
    assert by_id["Z9"][6] == "01/03/1900"  # past Excel's 1900 leap-year bug
    strange = by_id["Z9"]
    assert " Ugo & <Figli> " in strange  # spaces and markup as typed
    assert "Rossi_x0041_" in strange  # Excel's own escape syntax, as typed
    assert '\'=HYPERLINK("http://x")' in strange  # a formula stays text
    assert "Assistenza; reclami" in by_id["A1"]  # the separator inside a cell
