"""`manage.py` for a worker process of the fault tests: the same command, with
the certificate render made to stop where a test can kill it.

Run as `python -m tests.ops.blocking_worker rqworker --burst ...`. With
LMS_TEST_RENDER_MARKER set, the first certificate a task renders in the process
tree writes its process ID to that file and sleeps instead of rendering: the test then
knows which process to kill, and that it dies in the middle of a render. Any
later render (the retry) finds the file and renders normally. With
LMS_TEST_IMPORT_MARKER set, a people import does the same right after its first
batch commits (LMS_TEST_IMPORT_BATCH_ROWS sets the batch's size). With
LMS_TEST_MAIL_DIR set, e-mails are written there as files, so the test can
count what was sent from another process. Production code has no such hooks;
this module wraps it from outside.
"""

import os
import sys
import time
from pathlib import Path

# Long enough for any test to kill the process first; short enough that a
# forgotten one does not live on.
BLOCK_SECONDS = 600


def _block_first_render(marker: Path) -> None:
    from certificates import services

    render = services.render_certificate_pdf

    def render_certificate_pdf(certificate) -> bytes:
        if not marker.exists():
            written = marker.with_name(marker.name + ".tmp")
            written.write_text(str(os.getpid()))
            written.rename(marker)  # Whole, or not there: never half a PID.
            time.sleep(BLOCK_SECONDS)
        return render(certificate)

    # The task's render (the worker's warm-up, before any job, renders a sample
    # through the lower-level functions and is not held).
    services.render_certificate_pdf = render_certificate_pdf


def _block_after_first_batch(marker: Path) -> None:
    """The people import's first committed batch is followed by the same stop:
    the PID is written once the batch's transaction has committed."""
    from people import import_apply

    apply = import_apply._Batch.apply

    def apply_then_block(self, run, rows):
        apply(self, run, rows)
        if not marker.exists():
            written = marker.with_name(marker.name + ".tmp")
            written.write_text(str(os.getpid()))
            written.rename(marker)
            time.sleep(BLOCK_SECONDS)

    import_apply._Batch.apply = apply_then_block


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.conf import settings

    if mail_dir := os.environ.get("LMS_TEST_MAIL_DIR"):
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        settings.EMAIL_FILE_PATH = mail_dir
    if marker := os.environ.get("LMS_TEST_RENDER_MARKER"):
        _block_first_render(Path(marker))
    if marker := os.environ.get("LMS_TEST_IMPORT_MARKER"):
        _block_after_first_batch(Path(marker))
    if rows := os.environ.get("LMS_TEST_IMPORT_BATCH_ROWS"):
        settings.LMS_IMPORT_BATCH_ROWS = int(rows)

    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
