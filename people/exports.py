"""Streamed CSV and XLSX exports, with one rule against spreadsheet formulas.

Every export goes through `neutralise` (`lms.spreadsheets`) so that a name such
as `=HYPERLINK(...)` typed into a profile is shown as text, not run, when HR
opens the file. Rows come from an iterator (a queryset's `.iterator()`), so
memory does not grow with rows.
"""

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from lms.spreadsheets import neutralise


class _Echo:
    def write(self, value):
        return value


def _csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The BOM makes Excel read UTF-8 accents correctly.
    yield "\ufeff" + writer.writerow([neutralise(h) for h in header])
    batch = []
    for row in rows:
        batch.append(writer.writerow([neutralise(v) for v in row]))
        if len(batch) >= 500:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def csv_response(
    filename: str, header: list[str], rows: Iterable
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{filename}.csv"
    )
    return response


def xlsx_response(filename: str, header: list[str], rows: Iterable) -> FileResponse:
    """An XLSX file is a zip and cannot be written as a stream; xlsxwriter's
    constant-memory mode flushes each row to disk, and the finished file is
    streamed from a temporary file that disappears when the response closes."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook = xlsxwriter.Workbook(
        handle,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    sheet = workbook.add_worksheet()
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, [neutralise(h) for h in header], bold)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, [neutralise(v) for v in row])
    workbook.close()
    handle.seek(0, os.SEEK_SET)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_response(fmt: str, filename: str, header: list[str], rows: Iterable):
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows)
    return csv_response(filename, header, rows)
