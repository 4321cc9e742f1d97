"""A learner switches to English with the footer's language switcher and
finds the course in English, with the progress made in Italian."""

from courses.models import ModuleCompletion
from courses.selectors import course_modules
from courses.services import enrollment_create, module_complete
from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_site, make_user, translate


def test_switching_to_english_shows_the_english_course(page):
    course = make_course(make_site(), title="Fondamenti", modules=2)
    first, second = course_modules(course=course)
    translate(course, title="Customer service basics", summary="The basics.")
    translate(first, title="What service is")
    translate(second, title="The channels")
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    module_complete(user=learner, module=first)

    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role(
        "link", name="Fondamenti", exact=True
    ).wait_for()
    page.get_by_label("Lingua").select_option("en")
    page.get_by_role("button", name="Cambia").click()
    card = page.locator(".course-card")
    card.get_by_role("link", name="Customer service basics", exact=True).click()

    page.get_by_role("heading", name="Customer service basics").wait_for()
    modules = page.locator(".module-list, ol, ul").filter(has_text="The channels")
    assert "What service is" in modules.first.inner_text()
    assert "Fondamenti" not in page.locator("main").inner_text()
    # The module done in Italian is done in English: "Continue" leads to the next.
    page.get_by_role("link", name="Continue: The channels").click()
    page.get_by_role("heading", name="The channels").wait_for()
    learner.refresh_from_db()
    assert learner.preferred_language == "en"
    assert ModuleCompletion.objects.filter(module=first).count() == 1
