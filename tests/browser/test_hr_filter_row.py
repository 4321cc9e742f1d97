"""The manager chooser in HR's filter bars ("Persone", "Conformità"): its
select and its search stand in the filter row beside the other filters on a
wide screen, and one under the other, inside the screen, on a phone."""

import os

import pytest

from certifications.models import CertificationStatus
from people import roles
from tests.browser.sign_in import sign_in
from tests.builders import make_requirement, make_status, make_user

SHOTS = os.environ.get("LMS_TEST_SHOTS", "")


def boxes(page):
    return {
        name: page.get_by_label(name, exact=True).bounding_box()
        for name in ("Cerca", "Reparto", "Responsabile", "Cerca un responsabile")
    }


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("link", ["Persone", "Conformità"])
def test_the_manager_filter_stands_in_the_filter_row(page, link):
    boss = make_user("capo@test.it", first_name="Carla", last_name="Capo")
    agent = make_user("anna@test.it", first_name="Anna", manager=boss)
    make_status(
        agent, make_requirement("Privacy"), CertificationStatus.Status.NOT_STARTED
    )
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "hr@test.it")
    page.get_by_role("link", name=link, exact=True).first.click()
    page.get_by_label("Cerca un responsabile").wait_for()
    wide = boxes(page)
    shot(page, f"filters-{link}-wide")
    # One row: every control's top and bottom on the same line, left to right.
    for name, box in wide.items():
        assert abs(box["y"] - wide["Cerca"]["y"]) <= 1, name
        assert abs(box["height"] - wide["Cerca"]["height"]) <= 1, name
    xs = [box["x"] for box in wide.values()]
    assert xs == sorted(xs)

    page.set_viewport_size({"width": 390, "height": 844})
    narrow = boxes(page)
    shot(page, f"filters-{link}-phone")
    select, search = narrow["Responsabile"], narrow["Cerca un responsabile"]
    assert search["y"] >= select["y"] + select["height"]
    assert abs(search["x"] - select["x"]) <= 1
    assert abs(search["width"] - select["width"]) <= 1
    for name, box in narrow.items():
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, name
