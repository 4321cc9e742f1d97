"""A trainer's change to a quiz's pass mark reaches learners only after the lead
trainer approves it, in a real browser through the Wagtail admin."""

from quizzes.models import Quiz
from tests.browser.admin import footer_action
from tests.browser.review import lead_approves, trainer_lead_and_learner
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_quiz, make_site


def test_a_pass_mark_change_waits_for_the_lead_trainer(browser, page, live_server):
    catalogue = make_site()
    quiz = make_quiz(title="Quiz di inserimento", pass_mark=80)
    course = make_course(catalogue, title="Inserimento", modules=0, quiz=quiz)
    trainer_lead_and_learner(course)

    # The trainer opens the quiz from the admin's menu, lowers the pass mark
    # and submits the change: there is no way to publish it.
    sign_in_to_home(page, "formatore@test.it")
    page.get_by_role("link", name="Amministrazione").first.click()
    page.locator("#wagtail-sidebar").get_by_role("button", name="Quiz").click()
    page.locator("#wagtail-sidebar").get_by_role(
        "link", name="Quiz", exact=True
    ).click()
    page.get_by_role("link", name="Quiz di inserimento").first.click()
    page.locator("#id_pass_mark").fill("20")
    assert page.locator("button[name='action-publish']").count() == 0
    footer_action(page, "button[name='action-submit']")
    page.locator(".messages").get_by_text("Quiz di inserimento").wait_for()
    quiz.refresh_from_db()
    assert quiz.workflow_in_progress
    assert quiz.pass_mark == 80, "nothing reached learners yet"

    # The lead trainer finds it on the dashboard and approves it.
    lead_approves(browser, live_server, "Quiz di inserimento")
    assert Quiz.objects.get(pk=quiz.pk).pass_mark == 20
