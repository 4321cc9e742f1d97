"""The edges of the project's XLSX writer (`lms.xlsx`) that no profile field
reaches today but an export column could tomorrow, read back by openpyxl:
Excel's limits and its calendar."""

import datetime
import io
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook

from lms.xlsx import MAX_TEXT, xlsx_stream

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read(header, rows, sheet="Dati"):
    data = b"".join(xlsx_stream(header, iter(rows), sheet=sheet))
    return load_workbook(io.BytesIO(data)).active, data


def test_excel_calendar_and_values_it_cannot_hold():
    sheet, _ = read(
        ["a", "b", "c", "d", "e"],
        [
            (
                datetime.date(1900, 2, 28),
                datetime.date(1900, 3, 1),
                datetime.date(1899, 5, 1),
                float("inf"),
                datetime.datetime(2026, 12, 6, 14, 30),  # noqa: DTZ001
            )
        ],
    )
    values = [cell.value for cell in sheet[2]]
    # Both sides of Excel's phantom 29 February 1900 land on their own day.
    assert values[0] == datetime.datetime(1900, 2, 28)  # noqa: DTZ001
    assert values[1] == datetime.datetime(1900, 3, 1)  # noqa: DTZ001
    # Before 1900 Excel has no dates, and it has no infinity: text, not a
    # wrong number.
    assert values[2] == "1899-05-01" and values[3] == "inf"
    assert values[4] == datetime.datetime(2026, 12, 6, 14, 30)  # noqa: DTZ001
    assert sheet["E2"].number_format == "dd/mm/yyyy hh:mm"


def test_text_longer_than_a_cell_is_cut_and_the_header_is_bold():
    sheet, _ = read(["Nota"], [("x" * (MAX_TEXT + 10),)])
    assert len(sheet["A2"].value) == MAX_TEXT
    assert sheet["A1"].font.b and not sheet["A2"].font.b


def test_a_sheet_name_with_quotes_and_ampersands_and_an_empty_export():
    sheet, data = read(["Nome", "Cognome"], [], sheet="L'ufficio & co")
    assert sheet.title == "L'ufficio & co"
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B1"
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    # The filter's range names the sheet in Excel's quoting.
    (name,) = workbook.iter(f"{MAIN}definedName")
    assert name.text == "'L''ufficio & co'!$A$1:$B$1"


def test_columns_are_as_wide_as_their_words_within_bounds():
    sheet, _ = read(
        ["ID", "E-mail", "Nota", "Data"],
        [
            ("1", "giulia.bianchi@esempio.it", "x" * 300, datetime.date(2026, 1, 1)),
            ("2", None, "breve", None),
        ],
    )
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["A"] == 8  # never narrower than a few characters
    assert widths["B"] == len("giulia.bianchi@esempio.it") + 2
    assert widths["C"] == 50  # a long note does not push the rest away
    assert widths["D"] == 12  # dd/mm/yyyy


def test_a_sheet_name_excel_would_refuse_is_made_valid():
    sheet, _ = read(["a"], [], sheet="'Reparto: Vendite/Nord [2026] e altri uffici'")
    assert sheet.title == "Reparto  Vendite Nord  2026  e"
    sheet, _ = read(["a"], [], sheet="[]")
    assert sheet.title == "Dati"
