"""A quiz translation's editor as a trainer opens it with the mouse: its
questions are the original's, listed read-only with the reason, with no
control to add, move or remove one, and the editor's scripts run without an
error (the panels it leaves out are not half set up); the original's editor
keeps its controls."""

from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_quiz, make_site, make_user
from tests.quizzes.test_translations import QUESTIONS_FOLLOW_ORIGINAL, english_quiz


def test_a_translations_editor_lists_the_originals_questions(page):
    make_site()
    make_user("formatore@test.it", role=roles.TRAINER)
    english_quiz(make_quiz(title="Quiz finale"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in_to_home(page, "formatore@test.it")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("link", name="Amministrazione").first.click()
    page.get_by_role("button", name="Quiz").first.click()
    page.get_by_role("link", name="Quiz", exact=True).first.click()

    page.get_by_role("link", name="Final quiz").first.click()
    page.get_by_text(QUESTIONS_FOLLOW_ORIGINAL).wait_for()
    assert page.get_by_text("Domanda 1?").is_visible()
    assert page.locator("#id_items-ADD, #id_draws-ADD").count() == 0
    assert page.locator("[data-inline-panel-child]").count() == 0

    page.get_by_role("button", name="Quiz").first.click()
    page.get_by_role("link", name="Quiz", exact=True).first.click()
    page.get_by_role("link", name="Quiz finale").first.click()
    page.locator("#id_items-ADD").wait_for()
    assert page.get_by_text(QUESTIONS_FOLLOW_ORIGINAL).count() == 0
    assert errors == []
