"""A streamed XLSX writer for one sheet of plain rows.

HR exports a workforce: 100,000 rows of a dozen cells. xlsxwriter, the
standard writer, spends about 3.5 µs a cell in its general-purpose loop
(rich strings, formulas, per-cell formats), 4.6 s for such an export, under the
20,000 rows/s HR was promised; `bench/xlsx_writer.py` measures both writers in
one run. An export needs a small part of the format: inline strings, numbers,
dates, a bold header, a frozen header row, a filter and column widths.
Written directly, that is one string per row, and the file streams to the
browser as it is made (`zipfile` writes to a stream that cannot seek), so
nothing waits for the last row and nothing is kept on disk.

What the format asks for, tested in `tests/people/test_xlsx_writer.py` and
`tests/people/test_exports.py` (read back by openpyxl; LibreOffice opened the
same files by hand, see docs/hr-benchmark.md):
- XML's forbidden characters (controls) become Excel's `_xHHHH_` escapes, and a
  literal `_xHHHH_` in the data is protected, as Excel does itself;
- a cell holds at most 32,767 characters: longer text is cut;
- a date is a day number from Excel's epoch (with its 1900 leap year);
  a date before 1900, which Excel cannot show, is written as text;
- numbers that are not finite are written as text;
- no `<dimension>` element: it would need the row count before the first row.
  Excel, LibreOffice and openpyxl do without it (openpyxl's read-only mode
  then counts the rows instead of reading `max_row`).
"""

import datetime
import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from lms.spreadsheets import neutralise_text

__all__ = ["xlsx_stream"]

MAX_TEXT = 32_767
ROWS_PER_CHUNK = 500

# Excel's day numbers count from 1899-12-30 for every date after February
# 1900 (Lotus's phantom 29 February 1900 shifts the earlier ones by one).
_EPOCH = datetime.date(1899, 12, 30).toordinal()
_MARCH_1900 = datetime.date(1900, 3, 1)
_FIRST_DAY = datetime.date(1900, 1, 1)

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("(_x[0-9a-fA-F]{4}_)")

# Styles by index in styles.xml: 0 plain, 1 bold (header), 2 date, 3 date
# and time.
_BOLD, _DAY, _MOMENT = 1, 2, 3

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
    "</border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews>"
    '<sheetFormatPr defaultRowHeight="15"/>'
)
# Column widths in characters: wide enough for what the first rows hold, never
# so wide that one long note pushes the other columns off the screen.
MIN_WIDTH, MAX_WIDTH = 8, 50


def column_letters(index: int) -> str:
    """`A` for 0, `Z` for 25, `AA` for 26."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    if "_x" in value:
        value = _ESCAPE_LIKE.sub(r"_x005F\1", value)
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
    return escape(value)


def _day_number(day: datetime.date) -> int:
    number = day.toordinal() - _EPOCH
    return number if day >= _MARCH_1900 else number - 1


def _cell(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the wall-clock time the value carries.
        if value.date() >= _FIRST_DAY:
            seconds = value.hour * 3600 + value.minute * 60 + value.second
            number = _day_number(value.date()) + seconds / 86400
            return f'<c r="{ref}" s="{_MOMENT}"><v>{number!r}</v></c>'
        value = value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, datetime.date):
        if value >= _FIRST_DAY:
            return f'<c r="{ref}" s="{_DAY}"><v>{_day_number(value)}</v></c>'
        value = value.isoformat()
    elif isinstance(value, bool):
        return f'<c r="{ref}"><v>{int(value)}</v></c>'
    elif isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = _text(neutralise_text(str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


class _Sink:
    """The unseekable file `zipfile` writes into; the generator hands on what
    has gathered since the last chunk."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts = []
        return data


def xlsx_stream(
    header: list[str], rows: Iterable[Iterable], *, sheet: str
) -> Iterator[bytes]:
    """The bytes of an XLSX file with one sheet named `sheet` (made valid by
    `sheet_name`): `header` in bold and frozen, a filter over every row, then
    `rows` (None, str, int, float, bool, date and datetime cells; anything else
    as its text). Text that starts like a formula is neutralised
    (`lms.spreadsheets`), the header's too."""
    sheet = sheet_name(sheet)
    sink = _Sink()
    width = len(header)
    letters = [column_letters(index) for index in range(max(width, 1))]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as book:
        with book.open("xl/worksheets/sheet1.xml", "w") as part:
            head = "".join(
                f'<c r="{letters[i]}1" s="{_BOLD}" t="inlineStr"><is>'
                f'<t xml:space="preserve">{_text(neutralise_text(str(h)))}</t></is></c>'
                for i, h in enumerate(header)
            )
            rows = iter(rows)
            first = list(itertools.islice(rows, ROWS_PER_CHUNK))
            part.write(
                (
                    f"{_SHEET_START}{_columns(header, first)}<sheetData>"
                    f'<row r="1">{head}</row>'
                ).encode("utf-8", "replace")
            )
            number = 1
            chunk = []
            for number, row in enumerate(itertools.chain(first, rows), start=2):  # noqa: B007
                cells = "".join(
                    _cell(f"{_letter(letters, i)}{number}", value)
                    for i, value in enumerate(row)
                )
                chunk.append(f'<row r="{number}">{cells}</row>')
                if len(chunk) == ROWS_PER_CHUNK:
                    part.write("".join(chunk).encode("utf-8", "replace"))
                    chunk = []
                    yield sink.take()
            last = letters[max(width, 1) - 1]
            part.write(
                (
                    "".join(chunk) + "</sheetData>"
                    f'<autoFilter ref="A1:{last}{number}"/>'
                    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                    'header="0.3" footer="0.3"/></worksheet>'
                ).encode("utf-8", "replace")
            )
        name = quoteattr(sheet)
        book.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships"><sheets><sheet name={name} sheetId="1" r:id="rId1"/>'
            '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" '
            'localSheetId="0" hidden="1">'
            f"{escape(_quoted_sheet(sheet))}!$A$1:${last}${number}"
            "</definedName></definedNames></workbook>",
        )
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("_rels/.rels", _PACKAGE_RELS)
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
    yield sink.take()


def _shown_length(value) -> int:
    if isinstance(value, datetime.datetime):
        return 16  # dd/mm/yyyy hh:mm
    if isinstance(value, datetime.date):
        return 10
    return len(str(value)) if value is not None else 0


def _columns(header: list[str], first_rows: list) -> str:
    """Each column as wide as its header and the first rows need, so that HR
    reads names and e-mails without widening columns by hand. The rows after
    them are not waited for: the file streams."""
    widths = [len(str(h)) for h in header]
    for row in first_rows:
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], _shown_length(value))
    cols = "".join(
        f'<col min="{i}" max="{i}" '
        f'width="{min(max(width + 2, MIN_WIDTH), MAX_WIDTH)}" customWidth="1"/>'
        for i, width in enumerate(widths, start=1)
    )
    return f"<cols>{cols}</cols>" if cols else ""


def sheet_name(name: str) -> str:
    """`name` within Excel's limits for a sheet: 31 characters, none of
    `[]:*?/\\`, no quote at either end; "Dati" if nothing is left."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:31].strip() or "Dati"


def _letter(letters: list[str], index: int) -> str:
    # A row longer than the header still gets its columns' letters.
    return letters[index] if index < len(letters) else column_letters(index)


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
