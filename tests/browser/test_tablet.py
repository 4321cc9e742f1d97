"""The learner on a tablet, an iPad held upright (768 px) or sideways (1024
px): the header is one row (brand, unread notices, the Menu button) instead
of rows of links that wrap; the button opens every link of the menu, a click
on one leads to its page, and no page scrolls sideways."""

import pytest

from people import roles
from tests.browser.a11y import assert_accessible, assert_fits
from tests.browser.menu import assert_keyboard_folds
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_site, make_user, notify

TABLETS = {
    "768": {"width": 768, "height": 1024},
    "1024": {"width": 1024, "height": 768},
}
# The longest menu a learner has: a team's leader also sees "Conformità".
MENU = (
    "La mia formazione",
    "Le mie sessioni",
    "Catalogo",
    "Osservazioni",
    "Notifiche 2 da leggere",
    "Conformità",
    "Verifica certificato",
)


def _middle(box) -> float:
    return box["y"] + box["height"] / 2


@pytest.mark.parametrize("width", TABLETS)
def test_a_learner_finds_every_link_of_the_menu_on_a_tablet(page, width):
    make_site()
    leader = make_user("agente@test.it", role=roles.LEARNER)
    make_user("collega@test.it", role=roles.LEARNER, manager=leader)
    notify(leader, n=2)
    size = TABLETS[width]
    page.set_viewport_size(size)
    sign_in_to_home(page, "agente@test.it")
    assert_fits(page, where=f"the home at {width} px")

    # One row: the Menu button and the unread notices beside the brand.
    button = page.get_by_role("button", name="Menu", exact=True)
    assert button.is_visible(), f"no Menu button at {width} px"
    brand = page.locator(".site-header .brand").bounding_box()
    for control in (button, page.get_by_role("link", name="Notifiche 2 da leggere")):
        box = control.bounding_box()
        assert abs(_middle(box) - _middle(brand)) < brand["height"], (width, box)
        assert box["x"] + box["width"] <= size["width"]
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 0.1 * size["height"], header

    # The button opens the menu: every link shows, on the screen, and takes
    # a click.
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    nav = page.locator(".site-nav")
    for name in MENU:
        link = nav.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        box = link.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= size["width"], name
        link.click(trial=True)
    assert_fits(page, where=f"the open menu at {width} px")
    assert_accessible(page, where=f"the open menu at {width} px")

    nav.get_by_role("link", name="Le mie sessioni").click()
    page.get_by_role("heading", name="Le mie sessioni").wait_for()
    assert page.url.endswith("/sessioni/")
    assert_fits(page, where=f"Le mie sessioni at {width} px")

    # The new page starts folded; the keyboard opens and closes the menu.
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == (
        "false"
    )
    assert_keyboard_folds(page)
