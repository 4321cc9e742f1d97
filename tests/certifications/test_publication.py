"""What a lead trainer's publication or withdrawal of a certification changes,
seen at once by HR (compliance dashboard, API), learners and the public
verification page, without waiting for the night's daily job."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certifications.models import Certification, CertificationStatus
from courses.models import AssignmentRule, Enrollment
from people import roles
from people.models import Department
from tests.builders import make_user, pass_course
from tests.review import approve, edit_form, submit_change

ADMIN = "/admin/snippets/certifications/certification"
NAME = "Standard di servizio clienti"
EXPIRING_TILE = '<a href="?status=expiring">In scadenza</a></dt><dd>{count}</dd>'


def edit_url(certification):
    return f"{ADMIN}/edit/{certification.pk}/"


def unpublish_url(certification):
    return f"{ADMIN}/unpublish/{certification.pk}/"


def history_url(certification):
    return f"{ADMIN}/history/{certification.pk}/"


def assignments(client, course) -> str:
    response = client.get(f"/admin/assegnazioni/corso/{course.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def exported_certifications(client) -> set[str]:
    """The "Certificazione" column of the dashboard's CSV export."""
    response = client.get("/hr/conformita/esporta.csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    header, *rows = csv.reader(io.StringIO(text), delimiter=";")
    return {row[header.index("Certificazione")] for row in rows}


def row_of(page: str, marker: str) -> str:
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def dashboard(client) -> str:
    response = client.get("/hr/conformita/")
    assert response.status_code == 200
    return response.content.decode()


def api_statuses(client, hr, login, path="/api/v1/statuses") -> list[dict]:
    """HR creates a token on its page, then the payroll system reads with it."""
    page = login(hr).post("/hr/api/token/", {"name": "Paghe"}).content.decode()
    start = page.index('value="lms_') + len('value="')
    token = page[start : page.index('"', start)]
    client.logout()
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return response.json()["items"]


def daily(day, travel, commit):
    travel(day)
    with commit():
        call_command("lms_daily", "--today", day.isoformat())


@pytest.fixture
def anna(db):
    return make_user(
        "anna@test.it", role=roles.LEARNER, first_name="Anna", last_name="Ricci"
    )


def test_approved_rules_reach_hr_at_once(
    certification, onboarding, refresher, anna, hr, lead, client, login, travel, commit
):
    """Certified on 1 March 2026 until 1 March 2027, Anna is "Certificato" on
    15 November 2026 under a 60-day window; HR's 120 days, once the lead
    trainer approves them, make her "In scadenza" on the dashboard and in the
    API straight away, and give her the refresher, due on her expiry."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    travel(date(2026, 11, 15))
    assert "Certificato" in row_of(dashboard(login(hr)), "Anna Ricci")

    submit_change(
        login(hr),
        edit_url(certification),
        validity_months="6",
        renewal_window_days="120",
    )
    # A submission changes nobody's standing.
    assert "Certificato" in row_of(dashboard(login(hr)), "Anna Ricci")

    with commit():
        response, _task_state = approve(login(lead), ADMIN, certification)
    assert response.status_code == 302

    row = row_of(dashboard(login(hr)), "Anna Ricci")
    assert "In scadenza" in row and "01/03/2027" in row
    (status,) = [s for s in api_statuses(client, hr, login) if s["user_id"] == anna.pk]
    assert (status["status"], status["valid_until"]) == ("expiring", "2027-03-01")
    renewal = Enrollment.objects.get(user=anna, course=refresher)
    assert renewal.due_date == date(2027, 3, 1) and renewal.removed_at is None

    # On the certification's history: what moved, after whose publication.
    entry = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="lms.certification.statuses"
    )
    assert entry.data["cause"] == "publish"
    # Under the lead trainer who approved it, not an anonymous system entry.
    assert entry.user == lead and entry.data["scheduled"] is False
    assert entry.data["by"] == "person"
    assert {"user": anna.pk, "from": "certified", "to": "expiring"} in (
        entry.data["statuses"]
    )
    assert entry.data["assigned"] == [renewal.pk]
    assert (
        ModelLogEntry.objects.get(
            object_id=str(certification.pk), action="wagtail.publish"
        ).user
        == lead
    )


def test_whom_it_is_required_of_follows_the_approval(
    certification, hr, lead, login, travel, commit
):
    """Required of everyone, then of customer care only: the sales agent the
    old rule concerned drops out of HR's figures, the care agent stays, as
    soon as the lead trainer approves."""
    travel(date(2026, 3, 2))
    care = Department.objects.create(name="Customer care", code="care")
    sales = Department.objects.create(name="Vendite", code="sales")
    carla = make_user(
        "carla@test.it", role=roles.LEARNER, department=care, first_name="Carla"
    )
    sara = make_user(
        "sara@test.it", role=roles.LEARNER, department=sales, first_name="Sara"
    )
    daily(date(2026, 3, 2), travel, commit)
    assert dashboard(login(hr)).count("Non iniziata") >= 2

    client = login(hr)
    data = edit_form(client, edit_url(certification))
    data.pop("required_for_everyone")
    data.update(required_departments=[str(care.pk)], **{"action-submit": "submit"})
    assert client.post(edit_url(certification), data).status_code == 302
    with commit():
        approve(login(lead), ADMIN, certification)

    page = dashboard(login(hr))
    assert "Non iniziata" in row_of(page, "Carla Bianchi")
    sara_row = row_of(page, "Sara Bianchi")
    assert "Non richiesta" in sara_row and "Non iniziata" not in sara_row
    assert list(CertificationStatus.objects.values_list("user__email", flat=True)) == [
        carla.email
    ]
    assert not CertificationStatus.objects.filter(user=sara).exists()


def test_unpublished_certification_stops_counting(
    certification, onboarding, refresher, anna, hr, lead, client, login, travel, commit
):
    """On 18 January 2027 Anna's certificate (until 1 March 2027) is in its
    renewal window: "In scadenza", the refresher assigned. The lead trainer
    withdraws the certification: it leaves HR's figures and the API at once,
    her renewal is withdrawn, no reminder, overdue notice or digest names it
    later, and her certificate still verifies as valid."""
    travel(date(2026, 3, 1))
    with commit():
        certificate = pass_course(anna, onboarding)
    daily(date(2027, 1, 18), travel, commit)
    page = dashboard(login(hr))
    assert "In scadenza" in row_of(page, "Anna Ricci")
    assert EXPIRING_TILE.format(count=1) in page
    renewal = Enrollment.objects.get(user=anna, course=refresher)
    assert renewal.removed_at is None

    # HR cannot withdraw it; the lead trainer confirms on Wagtail's page.
    hr_client = login(hr)
    assert "unpublish" not in hr_client.get(edit_url(certification)).content.decode()
    # Wagtail's answer to a missing permission: back to the admin's home.
    refused = hr_client.post(unpublish_url(certification))
    assert (refused.status_code, refused.url) == (302, "/admin/")
    certification.refresh_from_db()
    assert certification.live

    lead_client = login(lead)
    confirmation = lead_client.get(unpublish_url(certification)).content.decode()
    assert f"Vuoi ritirare la certificazione «{NAME}»?" in confirmation
    # Everyone with a row: Anna, and the HR and lead accounts (learners too).
    assert "3 persone la perdono tra le certificazioni richieste" in confirmation
    with commit():
        response = lead_client.post(unpublish_url(certification), follow=True)
    assert response.redirect_chain[-1][1] == 302
    certification.refresh_from_db()
    assert not certification.live

    page = dashboard(login(hr))
    assert NAME not in page and "In scadenza" not in row_of(page, "Anna Ricci")
    assert EXPIRING_TILE.format(count=0) in page
    assert not [s for s in api_statuses(client, hr, login) if s["user_id"] == anna.pk]
    renewal.refresh_from_db()
    assert renewal.removed_at is not None
    assert (
        ModelLogEntry.objects.get(
            object_id=str(certification.pk), action="wagtail.unpublish"
        ).user
        == lead
    )
    entry = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="lms.certification.statuses"
    )
    assert entry.data["cause"] == "unpublish"
    assert {"user": anna.pk, "from": "expiring", "to": None} in entry.data["statuses"]
    assert entry.data["withdrawn"] == [renewal.pk]

    # A Monday a week before the expiry: no course reminder, no digest.
    mail.outbox.clear()
    daily(date(2027, 2, 22), travel, commit)
    assert mail.outbox == []
    response = client.get(certificate.get_verify_url())
    assert "Certificato valido" in response.content.decode()
    # After the expiry: nothing is overdue.
    daily(date(2027, 3, 2), travel, commit)
    assert mail.outbox == []
    assert not CertificationStatus.objects.exists()


def test_dashboard_reads_before_the_recomputation_ran(
    certification, onboarding, anna, hr, lead, login, travel, commit
):
    """Between the withdrawal and its queued recomputation the dashboard
    still opens (the trend derives the past without the withdrawn rules)."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    travel(date(2026, 6, 1))
    lead_client = login(lead)
    # The on-commit work (the queued recomputation) is not run here.
    assert lead_client.post(unpublish_url(certification)).status_code == 302
    assert CertificationStatus.objects.filter(user=anna).exists()
    dashboard(login(hr))


def test_a_certification_with_certificates_is_not_deleted(
    certification, onboarding, anna, login, travel, commit
):
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    admin = make_user("admin@test.it", is_superuser=True, is_staff=True)
    client = login(admin)
    response = client.post(f"{ADMIN}/delete/{certification.pk}/", follow=True)
    assert Certification.objects.filter(pk=certification.pk).exists()
    assert (
        f"«{NAME}» non può essere eliminata: ci sono certificati dei suoi corsi"
        in response.content.decode()
    )

    # A draft never published, with nothing behind it, goes.
    draft = Certification.objects.create(name="Bozza", live=False)
    response = client.post(f"{ADMIN}/delete/{draft.pk}/")
    assert response.status_code == 302
    assert not Certification.objects.filter(pk=draft.pk).exists()


def test_only_the_renewals_it_assigned_are_withdrawn(
    certification, onboarding, refresher, anna, lead, login, travel, commit
):
    """Bruno got the onboarding course from an assignment rule, which HR has
    since deleted; Anna got the refresher from the certification, to renew
    it. Withdrawing the certification takes back Anna's renewal only: Bruno's
    assignment was never the certification's to take back."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    bruno = make_user(
        "bruno@test.it", role=roles.LEARNER, first_name="Bruno", last_name="Neri"
    )
    rule = AssignmentRule.objects.create(course=onboarding, due_days=30)
    daily(date(2027, 1, 18), travel, commit)
    assigned = Enrollment.objects.get(user=bruno, course=onboarding)
    assert assigned.rule == rule
    rule.delete()

    lead_client = login(lead)
    row = row_of(assignments(lead_client, refresher), "anna@test.it")
    assert "Rinnovo della certificazione" in row and "Rimossa il" not in row
    with commit():
        lead_client.post(unpublish_url(certification))

    row = row_of(assignments(lead_client, onboarding), "bruno@test.it")
    assert "Regola di assegnazione" in row and "Rimossa il" not in row
    assert "Rimossa il" in row_of(assignments(lead_client, refresher), "anna@test.it")
    entry = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="lms.certification.statuses"
    )
    assert entry.data["withdrawn"] == [
        Enrollment.objects.get(user=anna, course=refresher).pk
    ]


def test_the_history_names_who_withdrew_it(
    certification, onboarding, anna, hr, lead, login, travel, commit
):
    """The recomputation's entry on the certification's history is the lead
    trainer's, like Wagtail's own entry of the withdrawal beside it."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    with commit():
        login(lead).post(unpublish_url(certification))

    history = login(hr).get(history_url(certification)).content.decode()
    row = row_of(history, "Stati ricalcolati dopo la pubblicazione o il ritiro")
    assert "Lia Bianchi" in row
    entry = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="lms.certification.statuses"
    )
    assert (entry.user, entry.data["scheduled"]) == (lead, False)


def test_a_scheduled_expiry_is_nobodys_and_says_so(
    certification, onboarding, anna, travel, commit
):
    """A certification set to expire is withdrawn by Wagtail's scheduled job,
    with no person acting: its entry says it was scheduled."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    certification.expire_at = timezone.now() + timedelta(hours=1)
    certification.save()
    travel(date(2026, 3, 2))
    with commit():
        call_command("publish_scheduled")
    certification.refresh_from_db()
    assert not certification.live and certification.expired

    entry = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="lms.certification.statuses"
    )
    assert (entry.user, entry.data["cause"]) == (None, "unpublish")
    assert (entry.data["scheduled"], entry.data["by"]) == (True, "schedule")
    assert {"user": anna.pk, "from": "certified", "to": None} in entry.data["statuses"]


def statuses_entries(certification) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(certification.pk), action="lms.certification.statuses"
        ).order_by("pk")
    )


def test_a_scheduled_publication_is_nobodys_and_says_so(
    certification, onboarding, anna, lead, login, travel, commit
):
    """A certification withdrawn, then set to go live again at a later hour, is
    published by Wagtail's scheduled job: its entry says it was scheduled."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    with commit():
        login(lead).post(unpublish_url(certification))
    certification.refresh_from_db()
    certification.go_live_at = timezone.now() + timedelta(hours=1)
    with commit():
        certification.save_revision(user=lead).publish(user=lead)
    certification.refresh_from_db()
    assert not certification.live
    travel(date(2026, 3, 2))
    with commit():
        call_command("publish_scheduled")
    certification.refresh_from_db()
    assert certification.live

    withdrawal, publication = statuses_entries(certification)
    assert (withdrawal.user, withdrawal.data["by"]) == (lead, "person")
    assert withdrawal.data["scheduled"] is False
    assert (publication.user, publication.data["cause"]) == (None, "publish")
    assert (publication.data["scheduled"], publication.data["by"]) == (
        True,
        "schedule",
    )
    assert {"user": anna.pk, "from": None, "to": "certified"} in (
        publication.data["statuses"]
    )


def test_a_publication_without_anybody_is_not_called_scheduled(
    certification, onboarding, anna, travel, commit
):
    """Withdrawn and published again from a shell or a command, with no person
    and no schedule: the entries say the system did it, not the schedule."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    with commit():
        certification.unpublish()
    with commit():
        certification.save_revision().publish()
    certification.refresh_from_db()
    assert certification.live

    withdrawal, publication = statuses_entries(certification)
    for entry, cause in ((withdrawal, "unpublish"), (publication, "publish")):
        assert (entry.user, entry.data["cause"]) == (None, cause)
        assert (entry.data["scheduled"], entry.data["by"]) == (False, "system")
    assert {"user": anna.pk, "from": None, "to": "certified"} in (
        publication.data["statuses"]
    )


def test_hr_stops_seeing_it_before_the_queued_work_runs(
    certification, onboarding, anna, hr, lead, client, login, travel, commit
):
    """Right after the withdrawal, with the recomputation still queued (the
    status rows are all there), HR's dashboard, its export and the API already
    leave the certification out."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(anna, onboarding)
    daily(date(2027, 1, 18), travel, commit)
    page = dashboard(login(hr))
    assert EXPIRING_TILE.format(count=1) in page
    assert exported_certifications(login(hr)) == {NAME}
    (row,) = [s for s in api_statuses(client, hr, login) if s["user_id"] == anna.pk]
    assert row["status"] == "expiring"

    # The on-commit work (the queued recomputation) is not run here.
    assert login(lead).post(unpublish_url(certification)).status_code == 302
    assert CertificationStatus.objects.filter(user=anna).exists()

    page = dashboard(login(hr))
    assert EXPIRING_TILE.format(count=0) in page
    assert "In scadenza" not in row_of(page, "Anna Ricci")
    assert exported_certifications(login(hr)) == set()
    assert not [s for s in api_statuses(client, hr, login) if s["user_id"] == anna.pk]
    people = api_statuses(client, hr, login, "/api/v1/people?status=expiring")
    assert people == []
    everyone = api_statuses(client, hr, login, "/api/v1/people")
    (person,) = [p for p in everyone if p["id"] == anna.pk]
    assert person["statuses"] == []
