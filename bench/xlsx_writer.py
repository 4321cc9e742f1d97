"""The project's XLSX writer (`lms.xlsx`) against xlsxwriter, in one run.

    .venv/bin/python bench/xlsx_writer.py [ROWS]

Both write the same rows, shaped like HR's compliance export (eleven columns:
text, two dates, a decimal), to a file in memory; xlsxwriter in its
constant-memory mode with the loop the export used before (the baseline).
Each writer runs three times, alternating, so a busy machine slows both; the
table gives the median CPU time of this process, rows per CPU second, the
wall time, the ratio to the baseline, and the peak of Python's memory
(tracemalloc, in a separate pass, since tracing slows the writing). Both files
are read back by openpyxl and compared cell by cell, so a faster writer that
wrote something else would show here.
"""

import datetime
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

import xlsxwriter  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from hr.compliance import EXPORT_HEADER  # noqa: E402
from hr.report_views import HOURS_HEADER  # noqa: E402
from lms.spreadsheets import neutralise_text  # noqa: E402
from lms.xlsx import xlsx_stream  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
HEADER = [str(h) for h in [*EXPORT_HEADER, HOURS_HEADER]]  # the compliance export's
STATUSES = ["Certificato", "In scadenza", "In ritardo", "Scaduta", "Non iniziata"]


def rows():
    start = datetime.date(2026, 1, 1)
    for n in range(ROWS):
        yield (
            f"E{n:05d}",
            f"Rossi{n}",
            "Giulia",
            f"p{n:05d}@bench.it",
            f"Reparto {n % 200:03d}",
            f"E{n % 600:05d}",
            f"Certificazione {n % 7}",
            STATUSES[n % 5],
            start + datetime.timedelta(days=n % 365),
            None if n % 3 else start + datetime.timedelta(days=n % 90),
            4.5,
        )


def with_xlsxwriter(target):
    """The export's writer until December 2026 (people/exports.py)."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    worksheet = workbook.add_worksheet("Conformità")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    worksheet.write_row(0, 0, HEADER, bold)
    worksheet.freeze_panes(1, 0)
    last = 0
    for index, row in enumerate(rows(), start=1):
        last = index
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                worksheet.write_datetime(index, column, value, day)
            elif isinstance(value, int | float):
                worksheet.write_number(index, column, value)
            else:
                worksheet.write_string(index, column, neutralise_text(str(value)))
    worksheet.autofilter(0, 0, last, len(HEADER) - 1)
    workbook.close()


def with_project(target):
    for chunk in xlsx_stream(HEADER, rows(), sheet="Conformità"):
        target.write(chunk)


WRITERS = {"xlsxwriter (baseline)": with_xlsxwriter, "lms.xlsx": with_project}


def run(writer):
    target = io.BytesIO()
    cpu, wall = time.process_time(), time.perf_counter()
    writer(target)
    return time.process_time() - cpu, time.perf_counter() - wall, target.getvalue()


def peak_memory(writer):
    tracemalloc.start()
    writer(io.BytesIO())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def cells(data):
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def main():
    print(
        f"{ROWS:,} rows of {len(HEADER)} columns; load average {os.getloadavg()[0]:.1f}"
    )
    times = {name: [] for name in WRITERS}
    files = {}
    for _ in range(3):
        for name, writer in WRITERS.items():
            cpu, wall, data = run(writer)
            times[name].append((cpu, wall))
            files[name] = data
    baseline = statistics.median(cpu for cpu, _ in times["xlsxwriter (baseline)"])
    print(
        "| writer | CPU s (median) | rows per CPU s | wall s (median) "
        "| × baseline CPU | peak Python memory MB | file MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, writer in WRITERS.items():
        cpu = statistics.median(c for c, _ in times[name])
        wall = statistics.median(w for _, w in times[name])
        print(
            f"| {name} | {cpu:.2f} | {ROWS / cpu:,.0f} | {wall:.2f} | "
            f"{cpu / baseline:.2f} | {peak_memory(writer) / 2**20:.1f} | "
            f"{len(files[name]) / 2**20:.1f} |"
        )
    same = cells(files["xlsxwriter (baseline)"]) == cells(files["lms.xlsx"])
    print(f"Cells read back by openpyxl identical: {same}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
