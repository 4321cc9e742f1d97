"""A certification's rules go through review like a quiz's pass mark: HR's
change of validity, renewal window, courses or the people it is required of is
a revision that reaches nobody until a lead trainer approves it; the live row
is what statuses, certificates, reminders, exports and the API read."""

from datetime import date

from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import ModelLogEntry, TaskState

from certifications.models import Certification, CertificationStatus
from people import roles
from people.models import Department
from tests.builders import make_user, pass_course
from tests.review import approve, edit_form, submit_change

ADMIN = "/admin/snippets/certifications/certification"


def edit_url(certification):
    return f"{ADMIN}/edit/{certification.pk}/"


def status_of(person, certification):
    row = CertificationStatus.objects.get(user=person, certification=certification)
    return row.status, row.valid_until


def daily(day, travel, commit):
    travel(day)
    with commit():
        call_command("lms_daily", "--today", day.isoformat())


def test_hrs_validity_change_waits_for_the_lead_trainer(
    certification, onboarding, agent, hr, lead, login, travel, commit
):
    """On 15 November 2026 the agent certified on 1 March 2026 (until 1 March
    2027, 106 days away) is "certificato" with a 60-day window and would be "in
    scadenza" with HR's 120 days; a newcomer certified that day gets 12 months,
    or 6 with HR's change. Neither counts until the lead trainer approves."""
    travel(date(2026, 3, 1))
    with commit():
        pass_course(agent, onboarding)
    newcomer = make_user("nuovo@test.it", role=roles.LEARNER)

    travel(date(2026, 11, 15))
    submit_change(
        login(hr),
        edit_url(certification),
        validity_months="6",
        renewal_window_days="120",
    )
    certification.refresh_from_db()
    assert (certification.validity_months, certification.renewal_window_days) == (
        12,
        60,
    )
    assert certification.workflow_in_progress
    draft = certification.get_latest_revision_as_object()
    assert (draft.validity_months, draft.renewal_window_days) == (6, 120)

    daily(date(2026, 11, 15), travel, commit)
    assert status_of(agent, certification) == ("certified", date(2027, 3, 1))
    with commit():
        issued = pass_course(newcomer, onboarding)
    assert issued.expires_at == date(2027, 11, 15)

    # HR has no publish button, a publish sent anyway is not one, and HR
    # cannot approve its own change.
    client = login(hr)
    assert (
        'name="action-publish"'
        not in client.get(edit_url(certification)).content.decode()
    )
    data = edit_form(client, edit_url(certification))
    data.update(validity_months="3", **{"action-publish": "publish"})
    client.post(edit_url(certification), data)
    certification.refresh_from_db()
    assert certification.validity_months == 12
    _response, task_state = approve(login(hr), ADMIN, certification)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not ModelLogEntry.objects.filter(
        object_id=str(certification.pk), action="wagtail.publish"
    ).exists()

    # The lead trainer approves: the new rules are live and on the record.
    response, task_state = approve(login(lead), ADMIN, certification)
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    certification.refresh_from_db()
    assert (certification.validity_months, certification.renewal_window_days) == (
        6,
        120,
    )
    assert not certification.workflow_in_progress
    published = ModelLogEntry.objects.get(
        object_id=str(certification.pk), action="wagtail.publish"
    )
    assert published.user_id == lead.pk
    assert published.revision_id == certification.live_revision_id

    daily(date(2026, 11, 15), travel, commit)
    assert status_of(agent, certification) == ("expiring", date(2027, 3, 1))
    later = make_user("dopo@test.it", role=roles.LEARNER)
    with commit():
        assert pass_course(later, onboarding).expires_at == date(2027, 5, 15)


def test_whom_a_certification_is_required_of_changes_only_on_approval(
    certification, hr, lead, login, travel, commit
):
    """The courses, departments and roles are part of the revision (parental
    relations), not saved beside it."""
    certification.required_for_everyone = False
    certification.save()
    care = Department.objects.create(name="Customer care", code="care")
    agent = make_user("care@test.it", role=roles.LEARNER, department=care)

    submit_change(login(hr), edit_url(certification), required_departments=[care.pk])
    certification.refresh_from_db()
    assert list(certification.required_departments.all()) == []
    daily(date(2026, 3, 2), travel, commit)
    assert not CertificationStatus.objects.filter(user=agent).exists()

    approve(login(lead), ADMIN, certification)
    certification.refresh_from_db()
    assert list(certification.required_departments.all()) == [care]
    daily(date(2026, 3, 3), travel, commit)
    assert status_of(agent, certification) == ("not_started", None)


def test_a_new_certification_requires_nothing_until_published(
    onboarding, hr, lead, agent, login, travel, commit
):
    client = login(hr)
    data = edit_form(client, f"{ADMIN}/add/")
    data.update(
        name="Privacy",
        validity_months="24",
        renewal_window_days="30",
        onboarding_courses=[onboarding.pk],
        required_for_everyone="on",
    )
    data["action-submit"] = "submit"
    response = client.post(f"{ADMIN}/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    privacy = Certification.objects.get(name="Privacy")
    assert not privacy.live and privacy.workflow_in_progress
    daily(date(2026, 3, 2), travel, commit)
    assert not CertificationStatus.objects.filter(certification=privacy).exists()
    # Passing its course issues a certificate of the course, not of a draft.
    with commit():
        assert pass_course(agent, onboarding).expires_at is None

    approve(login(lead), ADMIN, privacy)
    privacy.refresh_from_db()
    assert privacy.live
    daily(date(2026, 3, 3), travel, commit)
    assert CertificationStatus.objects.filter(
        certification=privacy, user=agent
    ).exists()


def test_the_validity_rules_hold_on_a_draft_and_a_submission(certification, hr, login):
    client = login(hr)
    url = edit_url(certification)
    message = (
        "La finestra di rinnovo dev'essere più breve della validità: con "
        "questa validità, al massimo 167 giorni."
    )
    for action in ({}, {"action-submit": "submit"}):
        data = edit_form(client, url)
        data.update(validity_months="6", renewal_window_days="200", **action)
        response = client.post(url, data)
        assert response.status_code == 200, action
        assert response.context["form"].errors == {"renewal_window_days": [message]}
        assert escape(message) in response.content.decode()
        data.update(validity_months="0", renewal_window_days="10")
        response = client.post(url, data)
        assert list(response.context["form"].errors) == ["validity_months"], action
    certification.refresh_from_db()
    assert certification.latest_revision is None
    assert not certification.workflow_in_progress


def test_only_the_lead_trainer_publishes_certifications(hr, lead):
    """HR changes certifications but cannot publish them, so HR's role stays
    one HR may give (`people.roles`: a role that publishes is never HR's to
    give); the lead trainer publishes."""
    assert hr.has_perm("certifications.change_certification")
    assert not hr.has_perm("certifications.publish_certification")
    assert lead.has_perm("certifications.publish_certification")
    publishing = set(roles.publishing_groups().values_list("name", flat=True))
    assert roles.LEAD_TRAINER in publishing and roles.HR not in publishing
    assert roles.HR in {g.name for g in roles.grantable_groups(hr)}
