"""The site's menu as a person uses it: on a phone it is folded behind the
Menu button, so a tap on it comes first."""

PHONE = {"width": 390, "height": 844}


def open_menu(page) -> None:
    """Tap Menu if the header is folded and the menu closed; on a wide screen
    the links are already there."""
    button = page.get_by_role("button", name="Menu", exact=True)
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def go_to(page, name: str, *, exact: bool = False) -> None:
    """Click the menu's link `name`, opening the menu first on a phone."""
    open_menu(page)
    page.locator(".site-nav").get_by_role("link", name=name, exact=exact).click()
    page.wait_for_load_state()


def assert_keyboard_folds(page):
    """The folded menu with the keyboard: Enter on the Menu button opens it,
    Escape closes it and leaves focus on the button; returns the button."""
    button = page.get_by_role("button", name="Menu", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Catalogo").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Catalogo").is_visible()
    assert button.evaluate("b => b === document.activeElement")
    return button
