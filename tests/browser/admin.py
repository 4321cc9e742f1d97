"""Steps in Wagtail's admin, as a person takes them."""


def footer_action(page, selector):
    """Click an action of the editor's footer, opening its menu if it is folded."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator(".w-dropdown-button").get_by_role(
            "button", name="Altre azioni"
        ).last.click()
    button.click()
