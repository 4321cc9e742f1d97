"""HR reads the compliance dashboard's pictures in a real browser and clicks
through them to the people behind a segment or a bar (checked with axe-core)."""

from certifications.models import CertificationStatus
from people import roles
from people.models import Department
from tests.browser.a11y import assert_accessible
from tests.browser.sign_in import sign_in
from tests.builders import days, make_requirement, make_status, make_user

S = CertificationStatus.Status


def test_hr_clicks_a_segment_and_a_bar_to_the_people_behind_them(page):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    sales = Department.objects.create(name="Vendite", code="vendite")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    statuses = [S.CERTIFIED, S.EXPIRING, S.OVERDUE, S.EXPIRED, S.NOT_STARTED]
    for n in range(10):
        person = make_user(
            f"p{n}@test.it",
            first_name="Agente",
            last_name=f"Numero {n}",
            department=care if n % 2 else sales,
        )
        make_status(
            person,
            privacy,
            statuses[n % 5],
            valid_until=days(10 + n) if n % 5 < 2 else days(-3),
            due_date=days(-1),
        )
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Conformità", exact=True).first.click()
    page.locator(".chart--stack").wait_for()
    assert_accessible(page, where="HR compliance dashboard")

    # The "overdue" segment opens the table with exactly the two overdue people.
    page.locator(".chart--stack a[href*='status=overdue']").click()
    page.wait_for_url("**status=overdue**")
    rows = page.locator("table.table--matrix tbody tr")
    assert rows.count() == 2
    assert rows.locator(".status--overdue").count() == 2
    assert_accessible(page, where="dashboard filtered from a segment")

    # Back on the dashboard, the first forecast bar with a value: the second
    # week (days 7 to 13), where the certificates of Numero 0 and 1 end.
    page.go_back()
    bar = page.locator("a.chart__link[href*='expires_from']").first
    bar.click()
    page.wait_for_url("**expires_from=**")
    rows = page.locator("table.table--matrix tbody tr")
    assert rows.count() == 2
    assert "Numero 0" in rows.nth(0).inner_text()
    assert "Numero 1" in rows.nth(1).inner_text()

    # And a department: everyone of Vendite, nobody else.
    page.go_back()
    page.locator(f"a.chart__link[href*='department={sales.pk}']").click()
    page.wait_for_url(f"**department={sales.pk}**")
    assert page.locator("table.table--matrix tbody tr").count() == 5
    assert_accessible(page, where="dashboard filtered from a department bar")


def test_hr_reads_the_eight_figures_in_two_full_rows(page):
    """The rate and the seven statuses: four and four on a desktop, two a row
    on a phone; before, seven in a row left "Non iniziate" alone below."""
    make_status(make_user(), make_requirement("Privacy e GDPR"), S.NOT_STARTED)
    make_user("hr@test.it", role=roles.HR, first_name="Elena")
    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Conformità", exact=True).first.click()
    tiles = page.locator(".hr-figures > div")
    for width, per_row in ((1280, 4), (390, 2)):
        page.set_viewport_size({"width": width, "height": 900})
        tops = [round(box["y"]) for box in (t.bounding_box() for t in tiles.all())]
        assert len(tops) == 8
        rows = [tops.count(top) for top in sorted(set(tops))]
        assert rows == [per_row] * (8 // per_row), (width, rows)
    assert page.get_by_text("Non iniziate").is_visible()

    # The hours export: its sentence on a row, the period and both buttons on
    # the next (before, the sentence pushed "Al" under "Dal", apart).
    page.set_viewport_size({"width": 1280, "height": 900})
    hours = page.get_by_role("form", name="Ore di formazione nell’export")
    sentence = hours.get_by_text("L'export riporta le ore").bounding_box()
    controls = [
        hours.get_by_label("Ore di formazione: Dal"),
        hours.get_by_label("Ore di formazione: Al"),
        hours.get_by_role("button", name="Esporta CSV con le ore"),
        hours.get_by_role("button", name="Esporta XLSX con le ore"),
    ]
    middles = [
        box["y"] + box["height"] / 2 for box in (c.bounding_box() for c in controls)
    ]
    assert max(middles) - min(middles) < 10, middles
    assert min(middles) > sentence["y"] + sentence["height"], (middles, sentence)
