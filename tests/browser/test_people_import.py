"""HR imports an export whose columns the product does not know: matches them
once in the mapping step, then the preview shows old -> new values, and the
confirmation leads to the run's status page (axe-clean)."""

from people import roles
from people.models import ImportColumnMapping, User
from tests.browser.a11y import assert_accessible
from tests.browser.sign_in import sign_in
from tests.builders import make_user

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
