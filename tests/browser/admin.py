"""Steps in Wagtail's admin, as a person takes them."""

from tests.browser.sign_in import sign_in_to_home


def footer_action(page, selector):
    """Click an action of the editor's footer, opening its menu if it is folded."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator(".w-dropdown-button").get_by_role(
            "button", name="Altre azioni"
        ).last.click()
    button.click()


def open_page_editor(page, email: str, page_obj) -> None:
    """Sign in as `email`, open the admin and find `page_obj` by the sidebar's
    search, then open its editor, as a trainer does."""
    sign_in_to_home(page, email)
    page.get_by_role("link", name="Amministrazione").first.click()
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("textbox", name="Cerca").fill(page_obj.title)
    sidebar.get_by_role("button", name="Cerca").click()
    page.locator("main").get_by_role("link", name=page_obj.title).first.click()
    page.wait_for_url(f"**/admin/pages/{page_obj.pk}/edit/")


def open_session_editor(page, email: str, title: str) -> None:
    """Sign in as `email` and open the classroom session `title` from the
    admin's "Sessioni in aula" list."""
    sign_in_to_home(page, email)
    page.get_by_role("link", name="Amministrazione").first.click()
    page.locator("#wagtail-sidebar").get_by_role(
        "link", name="Sessioni in aula"
    ).click()
    page.get_by_role("link", name=title).first.click()


def close_date_pickers(page, elsewhere) -> None:
    """Click `elsewhere` (another field) until no date picker stays open, as a
    person does before pressing Save: Wagtail's picker opens when its field
    takes the focus, at times just after the click meant to close it, and an
    open one covers the footer's buttons."""
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    closed_for = 0
    for _ in range(40):
        page.wait_for_timeout(125)
        if pickers.count():
            closed_for = 0
            elsewhere.click()
        else:
            closed_for += 1
            if closed_for == 4:
                return
    raise AssertionError("a date picker stays open over the form")
