"""The inline knowledge check answers in place, without reloading the page."""

from courses.models import ModuleCompletion
from courses.services import enrollment_create
from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import (
    knowledge_check,
    make_course,
    make_module,
    make_site,
    make_user,
)


def test_the_feedback_appears_without_a_reload(page):
    course = make_course(make_site(), title="Fondamenti", modules=0)
    module = make_module(
        course,
        title="Attesa",
        body=[("knowledge_check", knowledge_check("Che cosa fai?", correct=1))],
    )
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.get_by_role("button", name="Segna come completato").click()
    page.get_by_text("Rispondi a tutte le verifiche di comprensione").wait_for()

    page.evaluate("window.notReloaded = true")
    page.get_by_label("Risposta 2").check()
    page.get_by_role("button", name="Controlla la risposta").click()
    feedback = page.get_by_role("status").filter(has_text="Riscontro")
    feedback.get_by_text("Risposta non corretta: riprova.").wait_for()
    assert "Riscontro della risposta 2." in feedback.inner_text()

    page.get_by_label("Risposta 1").check()
    page.get_by_role("button", name="Controlla la risposta").click()
    feedback.get_by_text("Risposta corretta.").wait_for()
    assert page.evaluate("window.notReloaded") is True

    # Every check answered: the module completes and the course page follows.
    page.get_by_role("button", name="Segna come completato").click()
    page.wait_for_url(f"**{course.url}")
    assert ModuleCompletion.objects.filter(module=module).exists()
