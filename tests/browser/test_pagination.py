"""Lists longer than a page, paged by clicking "Successiva" as a person does:
the filter HR chose stays on the next page and in the export made from it, and
a learner reaches older notifications."""

import csv

from certifications.models import CertificationStatus
from people import roles
from people.models import Department
from tests.browser.sign_in import sign_in, sign_in_to_home
from tests.builders import days, make_requirement, make_status, make_user, notify

S = CertificationStatus.Status


def test_hr_pages_through_a_department_bar_and_keeps_the_filter(page):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    sales = Department.objects.create(name="Vendite", code="vendite")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    for n in range(60):
        person = make_user(
            f"a{n}@test.it", last_name=f"Assistenza {n:02d}", department=care
        )
        make_status(person, privacy, S.CERTIFIED, valid_until=days(200))
    for n in range(5):
        person = make_user(f"v{n}@test.it", last_name=f"Vendite {n}", department=sales)
        make_status(person, privacy, S.OVERDUE, due_date=days(-1))
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Conformità", exact=True).first.click()
    page.locator(f"a.chart__link[href*='department={care.pk}']").click()
    page.wait_for_url(f"**department={care.pk}**")
    rows = page.locator("table.table--matrix tbody tr")
    assert rows.count() == 50
    page.get_by_role("link", name="Successiva").click()
    page.get_by_text("Pagina 2 di 2").wait_for()
    assert f"department={care.pk}" in page.url
    assert rows.count() == 10
    assert "Vendite" not in page.locator("table.table--matrix").inner_text()
    # The export from page 2 holds the whole filtered list, not one page of it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Esporta CSV").click()
    assert f"department={care.pk}" in download.value.url
    assert "page=" not in download.value.url
    with open(download.value.path(), encoding="utf-8-sig") as file:
        exported = list(csv.reader(file, delimiter=";"))
    department = exported[0].index("Reparto")
    assert len(exported) == 1 + 60
    assert {row[department] for row in exported[1:]} == {"Assistenza"}


def test_a_learner_pages_to_older_notifications(page):
    learner = make_user("agente@test.it", first_name="Giulia")
    notify(learner, 27)

    sign_in_to_home(page, "agente@test.it")
    page.get_by_role("link", name="Notifiche").first.click()
    page.get_by_text("Pagina 1 di 2").wait_for()
    items = page.get_by_text("Da leggere", exact=True)
    assert items.count() == 25
    page.get_by_role("link", name="Successiva").click()
    page.get_by_text("Pagina 2 di 2").wait_for()
    assert items.count() == 2
    page.get_by_role("link", name="Precedente").click()
    page.get_by_text("Pagina 1 di 2").wait_for()
