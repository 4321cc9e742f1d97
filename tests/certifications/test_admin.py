from datetime import date

from django.core.management import call_command

from certifications.models import Certification


def test_hr_manages_certifications_and_reads_runs_and_emails(
    hr, login, certification, onboarding, refresher, travel
):
    travel(date(2026, 3, 2))
    call_command("lms_daily")
    client = login(hr)
    listing = client.get("/admin/snippets/certifications/certification/")
    assert listing.status_code == 200 and certification.name in listing.content.decode()
    form = client.get(
        f"/admin/snippets/certifications/certification/edit/{certification.pk}/"
    )
    assert "Validità e rinnovo" in form.content.decode()
    response = client.post(
        "/admin/snippets/certifications/certification/add/",
        {
            "name": "Privacy",
            "description": "",
            "validity_months": "24",
            "renewal_window_days": "30",
            "onboarding_courses": [onboarding.pk],
            "refresher_courses": [refresher.pk],
            "required_for_everyone": "on",
            "due_days_after_hire": "60",
        },
    )
    assert response.status_code == 302
    assert Certification.objects.get(name="Privacy").validity_months == 24
    assert client.get("/admin/snippets/certifications/dailyrun/").status_code == 200
    assert client.get("/admin/snippets/notifications/emailrecord/").status_code == 200


def test_learner_has_no_access_to_the_admin(learner, login):
    response = login(learner).get("/admin/snippets/certifications/certification/")
    assert response.status_code in (302, 403)
