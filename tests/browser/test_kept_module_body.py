"""A module's body is kept as rendered fragments (`content.fragments`), so a
screenshot replaced in the image library does not bring a new revision of the
page. The learner who reads the module before and after the replacement must
see the new picture at the next reload, not the kept one."""

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.models import ModulePage
from courses.services import enrollment_create
from people import roles
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_site, make_user


def _shown_width(page, name) -> int:
    """The width of the picture the reader's browser has loaded (0 if it
    could not load it)."""
    picture = page.get_by_role("img", name=name)
    picture.scroll_into_view_if_needed()
    for _ in range(100):
        if picture.evaluate("img => img.complete"):
            break
        page.wait_for_timeout(100)
    return picture.evaluate("img => img.naturalWidth")


def _png(width, height, colour):
    upload = get_test_image_file("crm-nuovo.png", colour=colour, size=(width, height))
    return {
        "name": "crm-nuovo.png",
        "mimeType": "image/png",
        "buffer": upload.file.getvalue(),
    }


def test_a_replaced_screenshot_reaches_a_reader_of_a_kept_module(
    browser, page, live_server
):
    screenshot = get_image_model().objects.create(
        title="La scheda cliente nel CRM",
        file=get_test_image_file("crm.png", colour="white", size=(640, 480)),
    )
    lead = make_user("responsabile@test.it", role=roles.LEAD_TRAINER)
    course = make_course(make_site(), title="Il CRM", modules=0)
    module = course.add_child(
        instance=ModulePage(
            title="La scheda cliente",
            slug="la-scheda-cliente",
            body=[
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": screenshot.pk,
                            "decorative": False,
                            "alt_text": "",
                        },
                        "caption": "Dove si legge lo storico delle chiamate.",
                    },
                }
            ],
        )
    )
    # Published as the admin publishes: a live revision, so the body is kept.
    module.save_revision(user=lead).publish(user=lead)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    # The learner opens the module, and reads it again from the kept body.
    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.wait_for_url(f"**{module.url}")
    assert _shown_width(page, "La scheda cliente nel CRM") == 640
    page.reload()
    assert _shown_width(page, "La scheda cliente nel CRM") == 640

    # The lead trainer replaces the screenshot's file in the image library.
    editor = browser.new_context(base_url=live_server.url, locale="en-US").new_page()
    sign_in_to_home(editor, "responsabile@test.it")
    editor.get_by_role("link", name="Amministrazione").first.click()
    editor.locator("#wagtail-sidebar").get_by_role("link", name="Immagini").click()
    editor.get_by_role("link", name="La scheda cliente nel CRM").first.click()
    editor.locator("input[type=file][name=file]").set_input_files(
        _png(320, 240, "blue")
    )
    editor.get_by_role("button", name="Salva").first.click()
    editor.get_by_text("aggiornata").first.wait_for()

    # Same revision of the page; the learner's next reload shows the new file.
    module.refresh_from_db()
    assert module.live_revision.pk == module.latest_revision.pk
    page.reload()
    assert _shown_width(page, "La scheda cliente nel CRM") == 320
