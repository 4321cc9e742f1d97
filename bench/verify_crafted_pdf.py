"""Benchmark: what an uploaded PDF costs the verification page.

    .venv/bin/python bench/verify_crafted_pdf.py [N]      (default 200)

In one process, N times each, CPU time of:

- the crafted file of issue 20 §4 (47 kB, a cross-reference stream declaring
  12 million entries): its SHA-256, which is all the page does with a file
  that matches no certificate;
- the same file checked as if it matched one (`pdf_check.check_signature`):
  refused by the bounds before pyHanko reads it;
- the baseline, measured in the same run: a genuine signed certificate
  (`pdf.render_sample_pdf`) checked in full by pyHanko within the bounds.

And once, in a child process stopped after --limit seconds (default 20), pyHanko
reading the crafted file with no bounds: what one upload cost before.
Nothing touches the database.
"""

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from certificates.organisation import Organisation  # noqa: E402
from certificates.pdf import render_sample_pdf  # noqa: E402
from certificates.pdf_check import check_signature  # noqa: E402
from certificates.signing import trusted_signing_certs  # noqa: E402
from people.models import User  # noqa: E402
from tests.pdfs import crafted_xref_pdf  # noqa: E402

UNBOUNDED = """
import io, sys
from pyhanko.pdf_utils.reader import PdfFileReader
PdfFileReader(io.BytesIO(sys.stdin.buffer.read()), strict=False).embedded_signatures
"""


def cpu_ms(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append((time.process_time() - start) * 1000)
    return times


def report(name: str, times: list[float], baseline: float) -> None:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else median
    print(
        f"{name:<44} median {median:8.3f} ms   p95 {p95:8.3f} ms   "
        f"{median / baseline:6.3f}× baseline"
    )


def main() -> int:
    import logging

    logging.getLogger("certificates.pdf_check").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=200)
    parser.add_argument("--limit", type=float, default=20.0)
    args = parser.parse_args()

    crafted = crafted_xref_pdf()
    genuine = render_sample_pdf(
        template=None,
        user=User(first_name="Giulia", last_name="Bianchi"),
        signed=True,
        organisation=Organisation("Contact Italia S.p.A.", None, "", ""),
    )
    trusted = trusted_signing_certs()
    assert check_signature(genuine, trusted=trusted).ok
    assert check_signature(crafted, trusted=trusted).refused

    baseline = cpu_ms(lambda: check_signature(genuine, trusted=trusted), args.runs)
    base = statistics.median(baseline)
    print(
        f"crafted file: {len(crafted):,} bytes; genuine certificate: {len(genuine):,}"
    )
    report("baseline: genuine PDF, signature checked", baseline, base)
    report(
        "crafted PDF, no certificate matches (hash)",
        cpu_ms(lambda: hashlib.sha256(crafted).hexdigest(), args.runs),
        base,
    )
    report(
        "crafted PDF, as if it matched (bounds)",
        cpu_ms(lambda: check_signature(crafted, trusted=trusted), args.runs),
        base,
    )

    start = time.monotonic()
    try:
        subprocess.run(
            [sys.executable, "-c", UNBOUNDED],
            input=crafted,
            timeout=args.limit,
            capture_output=True,
            check=False,
        )
        print(f"pyHanko without bounds: {time.monotonic() - start:.1f} s")
    except subprocess.TimeoutExpired:
        print(f"pyHanko without bounds: not done after {args.limit:.0f} s (stopped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
