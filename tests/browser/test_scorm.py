"""A learner plays a SCORM package inside the module page, with the mouse: the
package finds the runtime in the parent window, saves its progress half-way,
resumes it on the next visit, reports completion, and the module opens the
next one."""

import pytest

from courses.models import ModuleCompletion, ScormRecord
from courses.services import enrollment_create
from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_module, make_site, make_user
from tests.scorm.packages import make_package, scorm_block


def _course(version):
    package = make_package(version)
    course = make_course(
        make_site(), title="Interattivo", modules=0, quiz=False, modules_in_order=True
    )
    module = make_module(
        course, "Il pacchetto", body=[("scorm", scorm_block(package, "passed"))]
    )
    make_module(course, "Dopo il pacchetto")
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    return course, module


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_package_played_to_completion_opens_the_next_module(page, version):
    course, module = _course(version)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sign_in_to_home(page, "agente@test.it")
    page.get_by_role("link", name="Interattivo").first.click()
    page.get_by_role("link", name="Il pacchetto").first.click()
    package = page.frame_locator("iframe.scorm__frame")
    package.get_by_text("Ingresso: ab-initio").wait_for()
    package.get_by_role("button", name="Salva a metà").click()
    package.get_by_text("Avanzamento salvato").wait_for()
    record = ScormRecord.objects.get()
    assert record.data["suspend_data"] == "pagina=3;risposte=a,b"
    assert not ModuleCompletion.objects.exists()

    # Back later: the package starts where the learner left it.
    page.get_by_role("link", name="Interattivo").first.click()
    page.get_by_role("link", name="Il pacchetto").first.click()
    package = page.frame_locator("iframe.scorm__frame")
    package.get_by_text("Ingresso: resume").wait_for()
    package.get_by_text("Dati salvati: pagina=3;risposte=a,b").wait_for()
    package.get_by_text("Posizione: pagina-3").wait_for()

    package.get_by_role("button", name="Completa il corso").click()
    package.get_by_text("Corso completato").wait_for()
    status = page.get_by_role("status").filter(has_text="Modulo completato.")
    status.wait_for()
    status.get_by_role("link", name="Modulo successivo: Dopo il pacchetto").click()
    page.get_by_role("heading", name="Dopo il pacchetto").wait_for()
    assert ModuleCompletion.objects.filter(module=module).exists()
    assert ScormRecord.objects.get().success_status == "passed"
    assert not [e for e in errors if "Content Security Policy" in e], errors
