from datetime import date

from django.core.management import call_command

from certifications.models import Certification, CertificationStatus


def test_demo_certification_and_statuses(db, travel):
    travel(date(2026, 11, 23))
    call_command("load_demo_data")
    certification = Certification.objects.get(name="Standard di servizio clienti")
    assert (certification.validity_months, certification.renewal_window_days) == (
        12,
        60,
    )
    assert certification.onboarding_courses.get().kind == "onboarding"
    assert certification.refresher_courses.get().kind == "refresher"
    statuses = dict(CertificationStatus.objects.values_list("user__email", "status"))
    assert statuses == {
        # A new hire, within the two weeks the onboarding rule gave her: she
        # attended its classroom session and was observed, so she has
        # started, as the training status page says.
        "agente@example.com": "in_progress",
        "luca.conti@example.com": "certified",
        "sara.greco@example.com": "overdue",
        # The demo team leader has the learner role's demo hire date (five days
        # ago): still within her deadline.
        "responsabile.team@example.com": "not_started",
    }
    luca = CertificationStatus.objects.get(user__email="luca.conti@example.com")
    assert luca.valid_until == date(2027, 11, 23)
    call_command("load_demo_data")
    assert CertificationStatus.objects.count() == 4
