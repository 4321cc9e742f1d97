"""The lead trainer withdraws a certification in Wagtail's admin, with a mouse,
and HR, in a browser of her own, finds it gone from the compliance dashboard."""

from certifications.models import Certification, CertificationStatus
from people import roles
from tests.browser.admin import footer_action
from tests.browser.sign_in import sign_in, sign_in_to_home
from tests.builders import days, make_requirement, make_status, make_user

S = CertificationStatus.Status


def test_lead_withdraws_a_certification_and_hr_sees_it_gone(browser, page, live_server):
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    safety = make_requirement("Sicurezza sul lavoro", validity_months=24)
    anna = make_user("anna@test.it", first_name="Anna", last_name="Ricci")
    make_status(anna, privacy, S.EXPIRING, valid_until=days(20))
    make_status(anna, safety, S.CERTIFIED, valid_until=days(400))
    make_user("responsabile@test.it", role=roles.LEAD_TRAINER, first_name="Lia")
    make_user("hr@test.it", role=roles.HR, first_name="Elena")

    # HR's dashboard lists both certifications.
    hr = browser.new_context(base_url=live_server.url).new_page()
    sign_in(hr, "hr@test.it")
    hr.get_by_role("link", name="Conformità", exact=True).first.click()
    table = hr.locator("table.table--matrix")
    table.wait_for()
    assert "Privacy e GDPR" in table.inner_text()
    assert "In scadenza" in table.inner_text()

    # The lead trainer opens it from the admin's menu and withdraws it.
    sign_in_to_home(page, "responsabile@test.it")
    page.get_by_role("link", name="Amministrazione").first.click()
    page.locator("#wagtail-sidebar").get_by_role("link", name="Certificazioni").click()
    page.locator("main").get_by_role("link", name="Privacy e GDPR").first.click()
    page.wait_for_url(f"**/certification/edit/{privacy.pk}/")
    footer_action(page, f"a[href$='/unpublish/{privacy.pk}/']")
    page.get_by_text("Vuoi ritirare la certificazione «Privacy e GDPR»?").wait_for()
    page.get_by_role("button", name="Si, annulla la pubblicazione").click()
    page.wait_for_url(lambda url: "/unpublish/" not in url)
    privacy.refresh_from_db()
    assert not privacy.live

    # HR opens her dashboard again: the withdrawn certification is gone, the
    # other one stays.
    hr.get_by_role("link", name="Conformità", exact=True).first.click()
    hr.wait_for_load_state()
    table.wait_for()
    assert "Privacy e GDPR" not in hr.locator("main").inner_text()
    assert "In scadenza" not in table.inner_text()
    assert "Sicurezza sul lavoro" in table.inner_text()
    assert Certification.objects.filter(live=True).get() == safety
