"""HR filters the compliance dashboard by a manager found through the chooser's
search, in a real browser (checked with axe-core)."""

from certifications.models import CertificationStatus
from people import roles
from tests.browser.a11y import assert_accessible
from tests.browser.sign_in import sign_in
from tests.builders import make_requirement, make_status, make_user


def test_hr_finds_a_manager_by_surname_and_sees_their_team(page):
    privacy = make_requirement("Privacy e GDPR")
    teams = {}
    for n, (first, last) in enumerate(
        [("Rita", "Ferri"), ("Paolo", "Ferraro"), ("Carla", "Conti")]
    ):
        boss = make_user(
            f"capo{n}@test.it", first_name=first, last_name=last, employee_id=f"M{n}"
        )
        teams[last] = [
            make_user(
                f"{last.lower()}{k}@test.it",
                first_name=f"Agente{k}",
                last_name=f"Squadra{last}",
                manager=boss,
            )
            for k in range(2)
        ]
        for person in teams[last]:
            make_status(person, privacy, CertificationStatus.Status.NOT_STARTED)
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    sign_in(page, "hr@test.it")
    page.get_by_role("link", name="Conformità", exact=True).first.click()
    page.locator("table.table--matrix").wait_for()

    # The select holds no manager until one is chosen.
    manager = page.get_by_label("Responsabile", exact=True)
    assert manager.locator("option").all_inner_texts() == ["Tutti i responsabili"]

    # Part of a surname: both Ferri and Ferraro, never Conti.
    page.get_by_label("Cerca un responsabile").press_sequentially("ferr")
    results = page.locator(".chooser__results")
    results.get_by_role("button").nth(1).wait_for()
    assert results.get_by_role("button").all_inner_texts() == [
        "Ferraro Paolo (M1)",
        "Ferri Rita (M0)",
    ]
    page.get_by_role("status").filter(has_text="Risultati: 2").wait_for()
    assert_accessible(page, where="dashboard with the manager chooser open")

    results.get_by_role("button", name="Ferraro Paolo (M1)").click()
    assert results.is_hidden()
    assert manager.evaluate("select => select.selectedOptions[0].text") == (
        "Ferraro Paolo (M1)"
    )
    page.get_by_role("button", name="Filtra", exact=True).click()
    boss = teams["Ferraro"][0].manager
    page.wait_for_url(f"**manager={boss.pk}**")

    rows = page.locator("table.table--matrix tbody tr")
    assert rows.count() == 2
    assert all("SquadraFerraro" in text for text in rows.all_inner_texts())
    # The chosen manager stays chosen on the filtered page, the only one listed.
    assert manager.locator("option").all_inner_texts() == [
        "Tutti i responsabili",
        "Ferraro Paolo (M1)",
    ]
    assert_accessible(page, where="dashboard filtered by a manager")
