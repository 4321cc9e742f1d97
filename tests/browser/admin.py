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
