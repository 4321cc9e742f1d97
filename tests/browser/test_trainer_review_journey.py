"""A trainer's change reaches learners only after the lead trainer approves it,
in a real browser through the Wagtail admin."""

from courses.selectors import course_modules
from tests.browser.admin import footer_action, open_page_editor
from tests.browser.review import lead_approves, trainer_lead_and_learner
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_site


def test_trainer_submits_and_the_lead_approves(browser, page, live_server):
    catalogue = make_site()
    course = make_course(catalogue, title="Fondamenti del servizio clienti", modules=1)
    module = course_modules(course=course)[0]
    trainer_lead_and_learner(course)

    # The trainer edits the module and submits it for review.
    open_page_editor(page, "formatore@test.it", module)
    page.locator("#id_intro").fill("Rispondi a ogni e-mail entro 24 ore.")
    footer_action(page, "button[name='action-submit']")
    # Submitting returns to the course's page listing.
    page.wait_for_url(f"**/admin/pages/{course.pk}/")
    module.refresh_from_db()
    assert module.workflow_in_progress
    assert not module.intro, "nothing reached learners yet"

    # The learner still reads the published module.
    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(agent, "agente@test.it")
    agent.locator(".course-card").get_by_role("link", name="Inizia").click()
    agent.wait_for_url(f"**{module.url}")
    assert "entro 24 ore" not in agent.locator("article.module").inner_text()

    # The lead trainer approves it in the admin.
    lead_approves(browser, live_server, module.title)
    module.refresh_from_db()
    assert not module.workflow_in_progress

    # Now learners see the change.
    agent.reload()
    agent.get_by_text("Rispondi a ogni e-mail entro 24 ore.").wait_for()
