"""HR assigns a course to a department in a real browser, then follows it on the
training-status page (checked with axe-core)."""

import datetime

from django.utils import timezone

from courses.models import Enrollment
from people import roles
from people.models import Department
from tests.browser.a11y import assert_accessible_and_fits_a_phone
from tests.browser.sign_in import sign_in
from tests.builders import make_course, make_site, make_user


def test_hr_assigns_a_course_to_a_department(page):
    catalogue = make_site()
    course = make_course(catalogue, title="Gestione dei reclami", modules=2)
    complaints = Department.objects.create(name="Reclami", code="reclami")
    team = [
        make_user(
            f"agente{n}@test.it",
            role=roles.LEARNER,
            first_name=f"Agente{n}",
            department=complaints,
        )
        for n in range(3)
    ]
    make_user("altro@test.it", role=roles.LEARNER, first_name="Altro")
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    sign_in(page, "hr@test.it")

    page.get_by_role("link", name="Amministrazione").first.click()
    page.get_by_role("link", name="Assegna corso").click()
    page.get_by_label("Corso").select_option(label="Gestione dei reclami")
    page.get_by_label("Reparto").select_option(label="Reclami")
    page.get_by_label("Entro un numero di giorni dall'assegnazione").check()
    page.get_by_label("Giorni per completarlo").fill("10")
    page.get_by_label("Motivo", exact=True).fill("Nuova procedura reclami")
    page.get_by_role("button", name="Assegna", exact=True).click()

    page.get_by_text("3 nuove assegnazioni").wait_for()
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 3
    assert "Nuova procedura reclami" in rows.first.inner_text()
    due = timezone.localdate() + datetime.timedelta(days=10)
    assert {e.user for e in Enrollment.objects.filter(course=course)} == set(team)
    assert {e.due_date for e in Enrollment.objects.all()} == {due}

    # The HR list shows them as assigned and not started, with the due date.
    page.locator("#wagtail-sidebar").get_by_role(
        "link", name="Stato formazione"
    ).click()
    page.get_by_label("Reparto", exact=True).select_option(label="Reclami")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url(f"**department={complaints.pk}**")
    page.get_by_role("heading", name="Stato della formazione").wait_for()
    table = page.locator("table.table--matrix").inner_text()
    assert table.count("Non iniziato") == 3 and "scadenza" in table
    assert_accessible_and_fits_a_phone(page, where="HR training status")
