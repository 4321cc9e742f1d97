"""A team leader on a phone: the team list first, the filters folded away
after it; on a wide screen the filters stay above the list."""

import datetime

from django.utils import timezone

from certifications.models import CertificationStatus
from people.models import Department
from tests.browser.a11y import assert_accessible
from tests.browser.menu import go_to
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_requirement, make_site, make_status, make_user

S = CertificationStatus.Status


def test_the_team_list_comes_first_on_a_phone(page):
    make_site()
    care = Department.objects.create(name="Assistenza", code="assistenza")
    boss = make_user("capo@test.it", first_name="Carla", last_name="Capo")
    anna = make_user(
        "anna@test.it", first_name="Anna", last_name="Ricci", department=care
    )
    anna.manager = boss
    anna.save()
    privacy = make_requirement("Privacy e GDPR")
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    make_status(anna, privacy, S.OVERDUE, due_date=overdue)

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_to_home(page, "capo@test.it")
    go_to(page, "Conformità")
    table = page.get_by_role("region", name="Persone e certificazioni")
    table.wait_for()
    fold = page.locator("details.filters-fold")
    assert not fold.evaluate("d => d.open")
    assert table.bounding_box()["y"] < fold.bounding_box()["y"]
    assert "Anna Ricci" in table.inner_text()
    assert_accessible(page, where="team view on a phone")

    # Opening the filters and choosing one keeps them open on the new page.
    fold.locator("summary").click()
    page.get_by_label("Reparto", exact=True).select_option(label="Assistenza")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url("**department=**")
    assert page.locator("details.filters-fold").evaluate("d => d.open")

    # On a wide screen the filters stay above the list.
    page.set_viewport_size({"width": 1280, "height": 900})
    table = page.get_by_role("region", name="Persone e certificazioni")
    assert (
        page.locator("details.filters-fold").bounding_box()["y"]
        < (table.bounding_box()["y"])
    )
