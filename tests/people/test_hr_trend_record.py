"""The dashboard's trend against the figures the daily job recorded: what HR
saw that day, including people who have left since, read with one query
instead of deriving every status again."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from certifications.models import CertificationStatus, StatusCount
from people import roles
from people.models import Department
from people.services import person_deactivate
from tests.builders import days, make_certification, make_user, pass_course
from tests.people.dashboard import TODAY, URL


def daily(day):
    call_command("lms_daily", "--today", day.isoformat(), stdout=open("/dev/null", "w"))


def trend(page: str) -> str:
    start = page.index('<dd class="hr-trend">') + len('<dd class="hr-trend">')
    return page[start : page.index("</dd>", start)]


def test_the_trend_reads_what_was_recorded_thirty_days_ago(
    login, hr, course, django_capture_on_commit_callbacks
):
    make_certification(course, name="Servizio clienti", validity_months=12)
    sales = Department.objects.create(name="Vendite", code="VEN")
    care = Department.objects.create(name="Assistenza", code="ASS")
    people = {
        name: make_user(
            f"{name}@test.it",
            role=roles.LEARNER,
            hire_date=days(-300),
            department=department,
        )
        for name, department in (
            ("anna", sales),
            ("sara", sales),
            ("luca", care),
            ("paolo", care),
        )
    }
    for name in ("anna", "sara"):
        with django_capture_on_commit_callbacks(execute=True):
            pass_course(people[name], course)
    Certificate.objects.update(
        issued_at=timezone.now() - datetime.timedelta(days=100), expires_at=days(265)
    )
    # The daily job ran every morning; the one of 29 days ago recorded the
    # figures of the day before: Anna and Sara certified of 5 (HR included).
    daily(days(-30))
    daily(days(-29))
    assert StatusCount.objects.filter(day=days(-30)).exists()
    assert not StatusCount.objects.filter(day=days(-29)).exists()
    # Running again the same day records nothing more.
    recorded = StatusCount.objects.filter(day=days(-30)).count()
    daily(days(-29))
    assert StatusCount.objects.filter(day=days(-30)).count() == recorded
    daily(TODAY)

    # Anna leaves the company: today 1 of 4 (25 %); then 2 of 5 (40 %).
    person_deactivate(person=people["anna"], by=hr)
    client = login(hr)
    page = client.get(URL).content.decode()
    assert "<dd>25%</dd>" in page
    assert trend(page) == "-15 punti rispetto a 30 giorni fa (era 40%)"
    # The certified tile: 1 now, 2 then.
    assert "erano 2" in page

    # One department: sales had both certified then (100 %), now Sara (100 %).
    page = client.get(URL, {"department": sales.pk}).content.decode()
    assert trend(page) == "invariata rispetto a 30 giorni fa"
    page = client.get(URL, {"department": care.pk}).content.decode()
    assert "<dd>0%</dd>" in page and trend(page) == "invariata rispetto a 30 giorni fa"

    # A search is no recorded selection: derived from the history of the rows
    # shown (required since their hiring, so they count then), without Anna
    # (she is not shown): Sara was certified then too.
    CertificationStatus.objects.update(required_since=days(-300))
    page = client.get(URL, {"q": "sara"}).content.decode()
    assert "<dd>100%</dd>" in page
    assert trend(page) == "invariata rispetto a 30 giorni fa"


def test_without_a_record_the_trend_is_derived(login, hr, course):
    """A new installation: no daily run 30 days ago, so the figures then are
    derived from the history (Anna's certificate was not issued yet)."""
    make_certification(course, name="Servizio clienti", validity_months=12)
    anna = make_user("anna@test.it", role=roles.LEARNER, hire_date=days(-300))
    pass_course(anna, course)
    daily(TODAY)
    CertificationStatus.objects.update(required_since=days(-300))
    page = login(hr).get(URL).content.decode()
    assert "<dd>50%</dd>" in page
    assert trend(page) == "+50 punti rispetto a 30 giorni fa (era 0%)"


def test_a_later_run_of_the_day_records_nothing_even_after_an_empty_first(hr, course):
    """The day's first run found nothing to count; a certification required
    later that day does not make a second run rewrite yesterday's figures."""
    daily(TODAY)
    assert not StatusCount.objects.exists()
    make_certification(course, name="Servizio clienti", validity_months=12)
    make_user("anna@test.it", role=roles.LEARNER, hire_date=days(-300))
    daily(TODAY)
    assert not StatusCount.objects.exists()
    # The next morning records the day before.
    daily(days(1))
    assert set(StatusCount.objects.values_list("day", flat=True)) == {TODAY}
