"""The daily job through its command: idempotent, recorded, and its e-mails."""

import re
import smtplib
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from certificates.models import Certificate
from certifications.models import CertificationStatus, DailyAction, DailyRun
from notifications.models import EmailRecord
from tests.builders import pass_course


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("server went away")


def run_daily(day, travel, commit):
    travel(day)
    with commit():
        call_command("lms_daily", "--today", day.isoformat())
    return DailyRun.objects.order_by("-pk").first()


@pytest.fixture
def certified(agent, certification, onboarding, travel, commit):
    travel(date(2026, 3, 1))
    with commit():
        pass_course(agent, onboarding)
    mail.outbox.clear()
    return agent


def test_window_opening_assigns_the_refresher_once(
    certified, certification, refresher, travel, commit
):
    run = run_daily(date(2026, 12, 31), travel, commit)
    enrollment = certified.enrollments.get(course=refresher)
    assert (enrollment.source, enrollment.due_date) == ("renewal", date(2027, 3, 1))
    assert run.counts["assign"] == 1 and run.counts["status"] == 1
    assert run.actions.filter(kind=DailyAction.Kind.ASSIGN, user=certified).exists()
    assert [m.subject for m in mail.outbox] == ["Nuovo corso assegnato: Aggiornamento"]
    again = run_daily(date(2026, 12, 31), travel, commit)
    assert again.counts["assign"] == 0 and again.counts["status"] == 0
    assert len(mail.outbox) == 1
    assert EmailRecord.objects.filter(user=certified, kind="assignment").count() == 1


def test_reminders_at_each_offset_exactly_once(certified, refresher, travel, commit):
    run_daily(date(2026, 12, 31), travel, commit)
    mail.outbox.clear()
    sent_on = {}
    day = date(2027, 1, 1)
    while day <= date(2027, 3, 3):
        run_daily(day, travel, commit)
        run_daily(day, travel, commit)  # hourly runs change nothing
        for message in mail.outbox:
            sent_on.setdefault(message.subject, []).append(day)
        mail.outbox.clear()
        day = day.fromordinal(day.toordinal() + 1)
    assert sent_on == {
        "Promemoria: «Aggiornamento» scade tra 30 giorni": [date(2027, 1, 30)],
        "Promemoria: «Aggiornamento» scade tra 7 giorni": [date(2027, 2, 22)],
        "Promemoria: «Aggiornamento» scade tra 1 giorno": [date(2027, 2, 28)],
        "In ritardo: «Aggiornamento»": [date(2027, 3, 2)],
    }
    certificate = certified.certificates.get()
    assert certificate.status == Certificate.Status.EXPIRED
    row = CertificationStatus.objects.get(user=certified)
    assert row.status == "expired"
    expired_run = DailyRun.objects.filter(today=date(2027, 3, 2)).first()
    assert expired_run.counts["expire"] == 1


def test_english_email_with_html_and_course_link(certified, refresher, travel, commit):
    certified.preferred_language = "en"
    certified.save()
    run_daily(date(2026, 12, 31), travel, commit)
    (message,) = mail.outbox
    assert message.subject == "New course assigned: Aggiornamento"
    assert "due by 1 March 2027" in message.body
    link = "http://testserver" + refresher.url
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    assert '<html lang="en">' in html


def test_italian_email_dates(certified, refresher, travel, commit):
    run_daily(date(2026, 12, 31), travel, commit)
    assert "entro il 1 marzo 2027" in mail.outbox[0].body


def test_failed_email_is_recorded_and_retried(
    certified, refresher, travel, commit, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    run_daily(date(2026, 12, 31), travel, commit)
    record = EmailRecord.objects.get(user=certified, kind="assignment")
    assert (record.outcome, record.attempts) == ("failed", 1)
    assert "server went away" in record.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run = run_daily(date(2027, 1, 1), travel, commit)
    record.refresh_from_db()
    assert (record.outcome, record.attempts) == ("sent", 2)
    assert run.counts["emails_retried"] == 1
    assert len(mail.outbox) == 1


def test_bad_date_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("lms_daily", "--today", "31/12/2026")


def test_weekly_digests_for_managers_and_hr(agent, certification, hr, travel, commit):
    from people.models import User

    boss = User.objects.create_user(
        email="capo@test.it", first_name="Paola", preferred_language="en"
    )
    agent.manager = boss
    agent.hire_date = date(2026, 1, 1)
    agent.save()
    # Required from the hire date on (not a rollout): overdue since 1 February.
    run_daily(date(2026, 1, 1), travel, commit)
    run_daily(date(2026, 3, 1), travel, commit)  # a Sunday: no digest
    assert not EmailRecord.objects.filter(kind__endswith="digest").exists()
    run_daily(date(2026, 3, 2), travel, commit)  # Monday
    run_daily(date(2026, 3, 2), travel, commit)
    digests = {r.user: r for r in EmailRecord.objects.filter(kind__endswith="digest")}
    assert set(digests) == {boss, hr}
    assert "Giulia Bianchi: Standard di servizio clienti · Overdue" in (
        digests[boss].body
    )
    assert "Giulia Bianchi: Standard di servizio clienti · In ritardo" in (
        digests[hr].body
    )


def test_the_hr_digest_links_the_compliance_dashboard(
    agent, certification, hr, travel, commit, client
):
    from notifications.models import Notification

    agent.hire_date = date(2026, 1, 1)
    agent.save()
    run_daily(date(2026, 1, 1), travel, commit)
    run_daily(date(2026, 3, 2), travel, commit)  # Monday
    record = EmailRecord.objects.get(kind__endswith="digest", user=hr)
    (link,) = re.findall(r"Dettagli: (\S+)", record.body)
    notice = Notification.objects.get(user=hr, kind=record.kind)
    client.force_login(hr)
    for url in (link, notice.url):
        path = urlsplit(url).path
        assert path == "/hr/conformita/", url
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("people", [2, 10])
def test_daily_run_queries_do_not_grow_with_people(
    certification, travel, commit, django_assert_max_num_queries, people
):
    from people import roles
    from tests.builders import make_user

    for n in range(people):
        make_user(f"p{n}@test.it", role=roles.LEARNER, hire_date=date(2026, 1, 1))
    run_daily(date(2026, 3, 3), travel, commit)  # a Tuesday: no digests
    # The second run of the day: one query finds the first run, so yesterday's
    # figures are not recorded again. One more finds the people imports
    # stopped for a day, which the daily job ends.
    with django_assert_max_num_queries(36):
        run_daily(date(2026, 3, 3), travel, commit)
