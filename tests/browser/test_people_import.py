"""HR imports an export whose columns the product does not know: matches them
once in the mapping step, then the preview shows old -> new values, and the
confirmation leads to the run's status page (axe-clean). A run whose worker
died is found again from the upload page and resumed with "Riprendi"."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from people import import_apply, roles
from people.import_apply import people_import_confirm
from people.models import ImportColumnMapping, PeopleImport, User
from people.services import people_import_upload
from tests.browser.a11y import assert_accessible
from tests.browser.sign_in import sign_in
from tests.builders import make_user
from tests.people.test_import_recovery import WorkerKilled
from tests.people.test_import_runs import FILE, _existing

EXPORT = (
    "Cod. dip.;Cognome;Nome;Recapito di lavoro;Ufficio\n"
    "A1;Ricci;Anna;anna@test.it;Vendite\n"
).encode("cp1252")


def test_hr_matches_the_columns_once_and_sees_old_and_new_values(page, tmp_path):
    make_user("hr@test.it", role=roles.HR, first_name="Elena")
    make_user("anna@test.it", employee_id="A1", first_name="Anna", last_name="Ricci")
    export = tmp_path / "export-paghe.csv"
    export.write_bytes(EXPORT)

    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Persone", exact=True).first.click()
    page.get_by_role("link", name="Importa da CSV").click()
    page.get_by_label("File CSV").set_input_files(str(export))
    page.get_by_role("button", name="Carica e controlla").click()

    page.get_by_role("heading", name="Abbina le colonne").wait_for()
    assert "Mancano le colonne obbligatorie: Matricola, E-mail." in (
        page.get_by_role("alert").first.inner_text()
    )
    assert_accessible(page, where="import column mapping")
    page.get_by_label("Cod. dip.").select_option(label="Matricola")
    page.get_by_label("Recapito di lavoro").select_option(label="E-mail")
    page.get_by_role("button", name="Salva e continua").click()

    page.get_by_role("heading", name="Anteprima importazione").wait_for()
    changes = page.locator("ul.changes").inner_text()
    assert "Reparto: — → Vendite" in changes
    assert_accessible(page, where="import preview with changes")
    page.get_by_role("button", name="Applica l'importazione").click()
    page.get_by_role("heading", name="Importazione di persone").wait_for()
    shown = page.locator("main").inner_text()
    assert "Stato: Completata" in shown and "Righe elaborate: 1 su 1" in shown
    assert_accessible(page, where="import status")
    assert User.objects.get(employee_id="A1").department.name == "Vendite"
    assert ImportColumnMapping.objects.count() == 1


def test_hr_resumes_an_import_whose_worker_died(page, settings, monkeypatch):
    settings.LMS_IMPORT_BATCH_ROWS = 2
    settings.LMS_IMPORT_STALE_AFTER = 15 * 60
    hr = make_user("hr@test.it", role=roles.HR, first_name="Elena")
    _existing()
    # A confirmed import whose worker was killed after its first batch of two
    # rows, and nothing since: the run is left "running", its heartbeat old.
    applied = import_apply._Batch.apply

    def apply_then_die(self, run, rows):
        applied(self, run, rows)
        raise WorkerKilled

    monkeypatch.setattr(import_apply._Batch, "apply", apply_then_die)
    upload = SimpleUploadedFile("persone-dicembre.csv", FILE, "text/csv")
    run = people_import_upload(uploaded_file=upload, by=hr)
    with transaction.atomic():
        people_import_confirm(people_import=run, by=hr, deactivate_missing=False)
    # The next worker is a healthy one (not `undo()`: the browser fixture's
    # monkeypatch is this one).
    monkeypatch.setattr(import_apply._Batch, "apply", applied)
    PeopleImport.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    run.refresh_from_db()
    assert (run.status, run.rows_done, run.rows_total) == ("running", 2, 5)

    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Persone", exact=True).first.click()
    page.get_by_role("link", name="Importa da CSV").click()
    imports = page.get_by_role("table", name="Le tue importazioni")
    assert "Interrotta" in imports.get_by_role("row").nth(1).inner_text()
    imports.get_by_role("link", name="persone-dicembre.csv").click()

    page.get_by_role("heading", name="Importazione di persone").wait_for()
    shown = page.locator("main").inner_text()
    assert "Stato: Interrotta" in shown and "Righe elaborate: 2 su 5" in shown
    assert "nessuna riga elaborata da più di 15 minuti" in shown
    assert_accessible(page, where="a stopped import")
    page.get_by_role("button", name="Riprendi").click()

    # The tests' tasks run at once: the page the click leads to shows the end.
    page.get_by_text("Importazione ripresa").wait_for()
    shown = page.locator("main").inner_text()
    assert "Stato: Completata" in shown and "Righe elaborate: 5 su 5" in shown
    assert page.get_by_role("button", name="Riprendi").count() == 0
    assert User.objects.filter(employee_id__in=["A1", "A2", "M1"]).count() == 3
    assert User.objects.get(employee_id="OLD").last_name == "Nuovo-cognome"
    resumed = ModelLogEntry.objects.get(action="lms.people.import_resume")
    assert (resumed.user_id, resumed.data["rows_done"]) == (hr.pk, 2)
