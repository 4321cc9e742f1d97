"""A policy change as the people it concerns meet it, with a mouse: the lead
trainer approves a module's new text as a change of policy in the publishing
step; the certified agent finds the review on "La mia formazione", reads the
changes marked in place, passes the review quiz and gets a certificate whose
verification page names the version it attests."""

import threading

from certificates.models import Certificate
from certifications.models import PolicyChange
from courses.selectors import course_modules
from people import roles
from tests.browser.admin import footer_action
from tests.browser.quiz import quiz_taken_right
from tests.browser.sign_in import sign_in_to_home
from tests.builders import (
    make_certification,
    make_course,
    make_site,
    make_user,
    pass_course,
)


def _outside_the_browser_loop(function, *args):
    """Signing a PDF runs its own asyncio loop, which cannot start inside
    Playwright's: the set-up certificate is issued in a thread of its own."""
    result = {}
    worker = threading.Thread(target=lambda: result.update(value=function(*args)))
    worker.start()
    worker.join()
    return result["value"]


def test_policy_change_from_the_leads_approval_to_the_verify_page(
    browser, page, live_server
):
    catalogue = make_site()
    onboarding = make_course(catalogue, title="Inserimento", modules=1)
    refresher = make_course(
        catalogue, title="Aggiornamento", modules=1, kind="refresher"
    )
    make_certification(onboarding, refresher)
    trainer = make_user("formatore@test.it", role=roles.TRAINER)
    lead = make_user("responsabile@test.it", role=roles.LEAD_TRAINER)
    agent = make_user("agente@test.it", role=roles.LEARNER)
    old = _outside_the_browser_loop(pass_course, agent, onboarding)
    module = course_modules(course=onboarding)[0]
    module.save_revision(user=lead).publish(user=lead)
    # The trainer's new text, submitted for review.
    module.refresh_from_db()
    module.body = [
        {"type": "heading", "value": "Titolo 1"},
        {
            "type": "paragraph",
            "value": "<p>L'accredito arriva entro 7 giorni lavorativi.</p>",
        },
    ]
    module.save_revision(user=trainer)
    module.get_workflow().start(module, trainer)

    # The lead opens the change from the dashboard and approves it as policy.
    sign_in_to_home(page, "responsabile@test.it")
    page.get_by_role("link", name="Amministrazione").first.click()
    page.get_by_role("link", name=module.title).first.click()
    footer_action(page, "button[data-workflow-action-name='approve_policy']")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("1 persona certificata dovrà rileggere il modulo").wait_for()
    dialog.get_by_label("Che cosa è cambiato").fill("Rimborsi in 7 giorni.")
    dialog.get_by_label("Giorni per completare la revisione").fill("21")
    dialog.get_by_role("button", name="Approva come modifica di policy").click()
    page.locator("button[data-workflow-action-name='approve_policy']").first.wait_for(
        state="detached"
    )
    change = PolicyChange.objects.get()
    assert change.note == "Rimborsi in 7 giorni."

    # The agent: the review is the first thing on the home.
    agent_page = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(agent_page, "agente@test.it")
    card = agent_page.locator(".course-card").filter(has_text="Inserimento")
    # One word for the state: review required, not "Certificato" beside it.
    assert card.locator(".badge").inner_text() == "Revisione richiesta"
    assert "Revisione di policy richiesta" in card.inner_text()
    card.get_by_role("link", name="Inizia la revisione").click()
    agent_page.get_by_role(
        "heading", name=f"Modulo aggiornato: {module.title}"
    ).wait_for()
    diff = agent_page.locator(".policy-diff")
    assert diff.locator("ins").count() >= 1 and diff.locator("del").count() >= 1
    assert "7 giorni lavorativi" in " ".join(diff.locator("ins").all_inner_texts())
    # Apostrophes stay apostrophes, never an HTML entity shown as text.
    assert "L'accredito" in diff.inner_text() and "&#x27;" not in diff.inner_text()
    assert "Rimborsi in 7 giorni." in agent_page.content()

    # The review quiz, answered right through the page.
    agent_page.get_by_role("link", name="Vai al quiz di revisione").click()
    quiz_taken_right(agent_page)
    agent_page.get_by_role("heading", name="La mia formazione").wait_for()
    new = Certificate.objects.get(user=agent, status="valid")
    assert new.pk != old.pk and new.course_revision_id == change.revision_id

    # The review page stays, and says it is done; the verify page names the
    # version attested in words.
    card = agent_page.locator(".course-card").filter(has_text="Inserimento")
    assert "Inizia la revisione" not in card.inner_text()
    assert card.locator(".badge").inner_text() == "Certificato"
    verify = browser.new_context(base_url=live_server.url).new_page()
    verify.goto(new.get_verify_url())  # what a QR code scan opens
    facts = verify.locator("dl").first.inner_text()
    assert "Versione del corso attestata" in verify.content()
    assert module.title in verify.content()
    assert str(new.issued_at.year) in facts
