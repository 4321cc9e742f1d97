"""The header on a desktop screen: the search sits beside the brand, the
menu's links take the row below, and a role's tools (HR's four) are a group
of their own that moves to the next row whole where the row is full, instead
of a ragged wrap that split HR's menu anywhere."""

import pytest

from people import roles
from tests.browser.a11y import assert_accessible, assert_fits
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_site, make_user

LINKS = (
    "La mia formazione",
    "Le mie sessioni",
    "Catalogo",
    "Osservazioni",
    "Notifiche",
    "Verifica certificato",
)
HR_TOOLS = ("Stato formazione", "Conformità", "Persone", "Amministrazione")


def _top(locator) -> int:
    return round(locator.bounding_box()["y"])


def _rows(nav, names) -> set[int]:
    return {_top(nav.get_by_role("link", name=name, exact=True)) for name in names}


@pytest.mark.parametrize("width", (1280, 1920))
def test_hr_sees_the_menu_in_whole_rows_and_clicks_a_tool(page, width):
    make_site()
    make_user("hr@test.it", role=roles.HR)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_to_home(page, "hr@test.it")
    assert_fits(page, where=f"the home at {width} px")
    assert not page.get_by_role("button", name="Menu", exact=True).is_visible()

    # The search is on the brand's row, not on a row of its own.
    brand = page.locator(".site-header .brand").bounding_box()
    search = page.get_by_role("searchbox", name="Cerca nei corsi").bounding_box()
    assert abs(search["y"] - brand["y"]) < brand["height"], (brand, search)

    # The links make one row, the tools another, each whole, below the brand.
    nav = page.get_by_role("navigation", name="Navigazione principale")
    links, tools = _rows(nav, LINKS), _rows(nav, HR_TOOLS)
    assert len(links) == 1 and len(tools) == 1, (links, tools)
    assert min(links) > brand["y"] + brand["height"] / 2
    assert min(tools) >= min(links)
    group = nav.get_by_role("list", name="Gestione")
    for name in HR_TOOLS:
        assert group.get_by_role("link", name=name, exact=True).is_visible()
    header = page.locator(".site-header").bounding_box()["height"]
    assert header < 200, f"the header takes {header}px at {width} px"
    assert_accessible(page, where=f"HR's home at {width} px")

    group.get_by_role("link", name="Persone").click()
    page.get_by_role("heading", name="Persone", exact=True).wait_for()
    tools = page.get_by_role("list", name="Gestione")
    assert tools.get_by_role("link", name="Persone").get_attribute("aria-current") == (
        "page"
    )


def test_a_learner_has_no_tools_and_a_two_row_header(page):
    make_site()
    make_user("agente@test.it", role=roles.LEARNER)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in_to_home(page, "agente@test.it")

    nav = page.get_by_role("navigation", name="Navigazione principale")
    assert len(_rows(nav, LINKS)) == 1
    assert nav.get_by_role("list", name="Gestione").count() == 0
    assert nav.get_by_role("link", name="Persone").count() == 0
    # Brand, search and account on one row, the links on the next.
    header = page.locator(".site-header").bounding_box()["height"]
    assert header < 0.17 * 800, f"the header takes {header}px"
