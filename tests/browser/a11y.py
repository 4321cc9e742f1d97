"""Accessibility checks in the browser: axe-core, through axe-playwright-python.

`assert_accessible(page)` fails the test on any serious or critical violation of
WCAG 2.x A/AA (2.2 included); minor and moderate ones are left to review.
`assert_fits(page)` checks a page does not scroll sideways on a 360 px phone;
`assert_accessible_and_fits_a_phone(page)` does both, as journeys check a page.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
}
PHONE = {"width": 360, "height": 740}

_axe = Axe()


def blocking_violations(page) -> list[dict]:
    response = _axe.run(page, options=OPTIONS).response
    return [v for v in response["violations"] if v.get("impact") in BLOCKING]


def assert_accessible(page, *, where: str = "") -> None:
    violations = blocking_violations(page)
    if violations:
        lines = [f"axe-core: serious or critical violations on {where or page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {' '.join(node['target'])}" for node in v["nodes"][:5])
        pytest.fail("\n".join(lines))


def assert_fits(page, *, where: str = "") -> None:
    """No horizontal scrolling at the current viewport width."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{where or page.url} scrolls sideways by {overflow}px"


def assert_accessible_and_fits_a_phone(page, *, where: str) -> None:
    """axe-core's check, then the same page on a 360 px phone; the window
    gets its size back, so the journey goes on as before."""
    assert_accessible(page, where=where)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_fits(page, where=f"{where} at 360 px")
    page.set_viewport_size(size)
