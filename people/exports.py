"""Streamed CSV and XLSX exports for Italian HR, with one rule against
spreadsheet formulas.

CSV: UTF-8 with a BOM and `;` between cells, what Italian Excel opens by a
double click (`?sep=comma` for `,`); in Italian, dates as dd/mm/yyyy and
decimals with a comma. XLSX (`lms.xlsx`, streamed): a named sheet, real dates
formatted dd/mm/yyyy, the header row frozen and filtered. Headers and status
words are in the language of the person exporting: the view translates them
before streaming.

Every text cell goes through `neutralise_text` (`lms.spreadsheets`) so that a
name such as `=HYPERLINK(...)` typed into a profile is shown as text, not run,
when HR opens the file. Rows come from an iterator (a queryset's `.iterator()`),
so memory does not grow with rows.
"""

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

from lms.spreadsheets import csv_separator, neutralise_text
from lms.xlsx import xlsx_stream


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value, *, italian: bool):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M" if italian else "%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y" if italian else "%Y-%m-%d")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and italian:
        return f"{value:g}".replace(".", ",")
    if isinstance(value, int | float):
        return value
    return neutralise_text(str(value))


def _csv_lines(
    header: list[str], rows: Iterable[Iterable], *, delimiter: str, italian: bool
) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=delimiter)
    # The BOM makes Excel read UTF-8 accents correctly.
    yield "\ufeff" + writer.writerow([neutralise_text(str(h)) for h in header])
    batch = []
    for row in rows:
        batch.append(writer.writerow([_csv_cell(v, italian=italian) for v in row]))
        if len(batch) >= 500:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(
    filename: str,
    header: list[str],
    rows: Iterable,
    *,
    delimiter: str = ";",
    italian: bool = True,
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(header, rows, delimiter=delimiter, italian=italian),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{filename}.csv"
    )
    return response


def xlsx_response(
    filename: str, header: list[str], rows: Iterable, *, sheet: str = "Dati"
) -> StreamingHttpResponse:
    """The XLSX file streams as it is written (`lms.xlsx`): the first bytes
    leave before the last row is read, and nothing is kept on disk."""
    response = StreamingHttpResponse(
        xlsx_stream(header, rows, sheet=sheet),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{filename}.xlsx"
    )
    return response


def export_response(
    fmt: str,
    filename: str,
    header: list[str],
    rows: Iterable,
    *,
    request=None,
    sheet: str = "Dati",
):
    """The export in `fmt`; `request` gives the separator (`?sep=`) and the
    language (Italian dates and decimals in CSV unless the person reads
    English). Headers arrive translated."""
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows, sheet=sheet)
    language = getattr(request, "LANGUAGE_CODE", "it") if request else "it"
    return csv_response(
        filename,
        header,
        rows,
        delimiter=csv_separator(request.GET.get("sep") if request else None),
        italian=language != "en",
    )
