"""Three years of a certified agent, through the daily job and the learner's own
pages: each year the refresher arrives in the renewal window, is reachable from
"La mia formazione", is done through its pages, and renews the certification
from the old expiry date, so no day is lost, year after year."""

from datetime import date, timedelta

from certificates.models import Certificate
from certifications.daily import daily_run
from certifications.derivation import add_months
from certifications.models import CertificationStatus
from courses.models import Enrollment
from notifications.models import EmailRecord
from tests.builders import take_quiz


def test_three_renewals_each_keeping_time(
    agent, certification, onboarding, refresher, login, travel, commit, agent_passes
):
    # The refresher requires the onboarding course: from the second renewal on it
    # is met by the certification, held through the previous renewal.
    refresher.required_courses.add(onboarding)
    refresher.save()
    agent_passes(date(2026, 1, 10))
    expiry = date(2027, 1, 10)

    for cycle in (1, 2, 3):
        window_opens = expiry - timedelta(days=certification.renewal_window_days)
        for day in (window_opens - timedelta(days=1), window_opens):
            travel(day)
            with commit():
                daily_run(today=day)
        enrollment = Enrollment.objects.get(user=agent, course=refresher)
        assert (enrollment.cycle, enrollment.due_date) == (cycle, expiry), cycle
        assert (
            EmailRecord.objects.filter(
                user=agent, kind="assignment", reason_key__startswith="assignment:"
            ).count()
            == cycle
        )

        renew_on = expiry - timedelta(days=20)
        travel(renew_on)
        with commit():
            daily_run(today=renew_on)  # the 30-day reminder has gone out
        client = login(agent)
        home = client.get("/la-mia-formazione/").content.decode()
        assert refresher.title in home and "Da completare entro" in home, cycle
        resume = f"/corsi/{refresher.pk}/continua/"
        assert resume in home, "the card's button leads into the course"
        module_url = client.get(resume)["Location"]
        module_page = client.get(module_url).content.decode()
        assert "Segna come completato" in module_page, cycle
        with commit():
            for module in refresher.get_children().live().order_by("path"):
                client.post(f"/moduli/{module.pk}/completa/")
            take_quiz(client, refresher)

        renewed = Certificate.objects.get(user=agent, status="valid")
        assert renewed.course == refresher
        # From the old expiry, not from the day of the renewal.
        assert renewed.expires_at == add_months(expiry, 12), cycle
        row = CertificationStatus.objects.get(user=agent, certification=certification)
        assert (row.status, row.valid_until) == ("certified", renewed.expires_at)
        home = client.get("/la-mia-formazione/").content.decode()
        card = home[home.index(refresher.title) :]
        assert "Certificato" in card and "Da completare entro" not in card
        assert EmailRecord.objects.filter(
            user=agent, kind="reminder", reason_key__endswith=f":{expiry}:30"
        ).exists(), cycle
        expiry = renewed.expires_at

    assert expiry == date(2030, 1, 10)
    assert Certificate.objects.filter(user=agent, status="superseded").count() == 3
