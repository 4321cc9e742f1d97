"""The dashboard's pictures: KPI trend, status breakdown, expiry forecast and
compliance per department. Every segment and bar links to the table filtered
to exactly the rows it counts, which the tests check by following the link
and reading every page of the table."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certifications.models import CertificationStatus
from certifications.services import certification_status_sync, status_counts_record
from people import roles
from people.models import Department
from tests.builders import (
    PASSWORD,
    days,
    make_certification,
    make_requirement,
    make_status,
    make_user,
    pass_course,
)
from tests.people.dashboard import TODAY, URL, S, matrix


def all_pages(client, href: str) -> list[str]:
    """The table of every page a link leads to, following "next" links."""
    tables, url = [], URL + html.unescape(href)
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        tables.append(matrix(page))
        following = re.search(r'<a href="([^"]+)">Successiva</a>', page)
        url = URL + html.unescape(following.group(1)) if following else None
    return tables


def people_listed(tables: list[str]) -> list[str]:
    return [
        name
        for table in tables
        for name in re.findall(r'<th scope="row"><a href="/hr/storico/(\d+)/"', table)
    ]


def segments(page: str) -> list[tuple[str, str, int]]:
    """(href, label, value) of each segment of the status breakdown."""
    chart = page[page.index('class="chart chart--stack"') :]
    chart = chart[: chart.index("</svg>")]
    return [
        (href, label, int(value))
        for href, label, value in re.findall(
            r'<a href="([^"]+)" class="chart__link" aria-label="([^:]+): (\d+) ',
            chart,
        )
    ]


@pytest.fixture
def company(db):
    """55 people in two departments with two certifications: more than one
    page of the table (50 a page)."""
    care = Department.objects.create(name="Assistenza", code="assistenza")
    sales = Department.objects.create(name="Vendite", code="vendite")
    boss = make_user("capo@test.it", first_name="Carla", last_name="Capo")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    safety = make_requirement("Sicurezza", validity_months=24)
    first = [S.CERTIFIED, S.EXPIRING, S.OVERDUE, S.EXPIRED, S.NOT_STARTED]
    second = [S.CERTIFIED, S.REVIEW_REQUIRED, S.IN_PROGRESS, None]
    for n in range(55):
        person = make_user(
            f"p{n}@test.it",
            last_name=f"Persona {n:02d}",
            department=care if n % 3 else sales,
            manager=boss if n < 8 else None,
        )
        status = first[n % len(first)]
        make_status(
            person,
            privacy,
            status,
            # Certificates end over the coming weeks: 3 to 90 days.
            valid_until=days(3 + (n * 11) % 88) if status != S.EXPIRED else days(-4),
            due_date=days(-2) if status == S.OVERDUE else days(20),
        )
        status = second[n % len(second)]
        if status:
            make_status(
                person,
                safety,
                status,
                valid_until=days(5 + (n * 7) % 80),
                due_date=days(30),
            )
    return locals()


def test_pictures_come_before_the_table(login, hr, company):
    page = login(hr).get(URL).content.decode()
    assert (
        page.index("hr-figures")
        < page.index("Stato delle certificazioni")
        < page.index("Scadenze nelle prossime 12 settimane")
        < page.index("Conformità per reparto")
        < page.index("table--matrix")
    )


def test_each_segment_lists_exactly_its_rows(login, hr, company):
    client = login(hr)
    page = client.get(URL).content.decode()
    found = segments(page)
    assert {label for _href, label, _v in found} == {
        str(label) for _s, label in S.choices
    }
    assert sum(value for _h, _l, value in found) == CertificationStatus.objects.count()
    labels = {str(label): status for status, label in S.choices}
    for href, label, value in found:
        status = labels[label]
        tables = all_pages(client, href)
        # Every badge of that status, on every page, is one the segment counts.
        assert sum(t.count(f'status--{status}"') for t in tables) == value, label
        expected = set(
            CertificationStatus.objects.filter(status=status).values_list(
                "user_id", flat=True
            )
        )
        listed = people_listed(tables)
        assert len(listed) == len(set(listed)), label  # nobody twice
        assert {int(pk) for pk in listed} == expected, label
    # More than one page was read at least once.
    assert len(all_pages(client, "?")) == 2
    # The breakdown also reads as a table for screen readers.
    assert '<table class="visually-hidden">' in page
    assert "<caption>Certificazioni per stato</caption>" in page


def forecast_bars(page: str) -> list[tuple[str, str, str, int]]:
    return [
        (href, start, end, int(value))
        for href, start, end, value in re.findall(
            r'<a href="([^"]+)" class="chart__link" aria-label="Dal (\d\d/\d\d) al '
            r"(\d\d/\d\d): (\d+) in scadenza",
            page,
        )
    ]


def test_each_forecast_bar_lists_exactly_the_certificates_expiring_that_week(
    login, hr, company
):
    client = login(hr)
    page = client.get(URL).content.decode()
    bars = forecast_bars(page)
    held = CertificationStatus.objects.filter(
        status__in=(S.CERTIFIED, S.EXPIRING),
        valid_until__gte=TODAY,
        valid_until__lte=days(83),
    )
    assert sum(value for *_x, value in bars) == held.count() > 0
    # Labelled axes, the weeks' dates and their values.
    assert "Certificazioni in scadenza" in page and "Settimana dal" in page
    assert f">{TODAY:%d/%m}</text>" in page
    for href, start, end, value in bars:
        query = html.unescape(href)
        first = datetime.date.fromisoformat(
            re.search(r"expires_from=([\d-]+)", query).group(1)
        )
        last = datetime.date.fromisoformat(
            re.search(r"expires_to=([\d-]+)", query).group(1)
        )
        assert (first.strftime("%d/%m"), last.strftime("%d/%m")) == (start, end)
        assert (last - first).days == 6
        tables = all_pages(client, href)
        shown = [
            datetime.date(*map(int, reversed(date.split("/"))))
            for table in tables
            for date in re.findall(
                r'status--(?:certified|expiring)">[^<]+</span><br>'
                r'<span class="muted">fino al (\d\d/\d\d/\d{4})',
                table,
            )
        ]
        assert sum(first <= date <= last for date in shown) == value, start
        expected = set(
            held.filter(valid_until__range=(first, last)).values_list(
                "user_id", flat=True
            )
        )
        assert {int(pk) for pk in people_listed(tables)} == expected, start


def test_each_department_bar_lists_exactly_its_people_worst_first(login, hr, company):
    client = login(hr)
    page = client.get(URL).content.decode()
    bars = re.findall(
        r'<a href="([^"]+)" class="chart__link" aria-label="([^:]+): (\d+)% '
        r"\((\d+) su (\d+)\)",
        page,
    )
    assert sorted(label for _h, label, *_ in bars) == ["Assistenza", "Vendite"]
    percents = [int(percent) for _h, _l, percent, *_ in bars]
    assert percents == sorted(percents)
    for href, label, percent, compliant, total in bars:
        tables = all_pages(client, href)
        department = Department.objects.get(name=label)
        badges = sum(t.count('class="badge status--') for t in tables)
        assert badges == int(total), label
        valid = sum(
            t.count(f'class="badge status--{s}"')
            for t in tables
            for s in (S.CERTIFIED, S.EXPIRING, S.REVIEW_REQUIRED)
        )
        assert valid == int(compliant), label
        assert round(100 * valid / badges) == int(percent)
        listed = {int(pk) for pk in people_listed(tables)}
        assert listed == set(
            department.members.filter(certification_statuses__isnull=False).values_list(
                "pk", flat=True
            )
        )


def test_links_keep_the_other_filters_and_drop_their_own(login, hr, company):
    client = login(hr)
    page = client.get(
        URL,
        {
            "department": company["care"].pk,
            "status": "overdue",
            "expires_from": TODAY.isoformat(),
        },
    ).content.decode()
    for href, _label, _value in segments(page):
        query = html.unescape(href)
        assert f"department={company['care'].pk}" in query
        assert "expires_from" not in query and query.count("status=") == 1
    for href, *_ in forecast_bars(page):
        query = html.unescape(href)
        assert f"department={company['care'].pk}" in query
        assert "status=" not in query


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"expires_from": "31/02/2026"}, "Inserisci una data valida."),
        ({"expires_to": "domani"}, "Inserisci una data valida."),
        (
            {"expires_from": "2026-05-10", "expires_to": "2026-05-01"},
            "La data finale della scadenza viene prima di quella iniziale.",
        ),
        # The certificates list's message for the same mistake.
        (
            {"hired_from": "2026-12-31", "hired_to": "2026-01-01"},
            "La data iniziale è successiva a quella finale.",
        ),
    ],
)
def test_bad_expiry_range_is_a_message_not_an_error(
    login, hr, company, params, message
):
    response = login(hr).get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_manager_sees_only_the_team_figures(client, company):
    assert client.login(email="capo@test.it", password=PASSWORD)
    page = client.get(URL).content.decode()
    team = CertificationStatus.objects.filter(user__manager=company["boss"])
    found = segments(page)
    assert (
        sum(value for _h, _l, value in found)
        == team.count()
        < (CertificationStatus.objects.count())
    )
    for href, *_ in found:
        listed = {int(pk) for pk in people_listed(all_pages(client, href))}
        assert listed <= set(team.values_list("user_id", flat=True))
    held = team.filter(
        status__in=(S.CERTIFIED, S.EXPIRING),
        valid_until__gte=TODAY,
        valid_until__lte=days(83),
    )
    assert sum(value for *_x, value in forecast_bars(page)) == held.count()
    # A department outside the team is no choice for the manager: refused.
    assert (
        "Persona 09"
        not in client.get(URL, {"department": company["sales"].pk}).content.decode()
    )


@pytest.mark.parametrize("extra", [3, 40])
def test_query_count_is_flat(login, hr, course, extra, django_assert_max_num_queries):
    """The trend derives the past from real certificates: pinned with some."""
    make_certification(course, name="Servizio clienti")
    for n in range(extra):
        make_user(f"a{n}@test.it", role=roles.LEARNER, hire_date=days(-100))
    agent = make_user("cert@test.it", role=roles.LEARNER, hire_date=days(-100))
    pass_course(agent, course)
    certification_status_sync(today=TODAY)
    # Required for 100 days: the trend reads their history.
    CertificationStatus.objects.update(required_since=days(-100))
    client = login(hr)
    # No figures were recorded 30 days ago: one query says so, then derived.
    with django_assert_max_num_queries(24):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(24):
        client.get(URL, {"status": "overdue", "expires_from": TODAY.isoformat()})
    # Recorded: one query reads them, nothing is derived.
    status_counts_record(day=days(-30))
    with django_assert_max_num_queries(18):
        assert client.get(URL).status_code == 200


def test_the_trend_is_derived_from_the_history(
    login, hr, course, django_capture_on_commit_callbacks
):
    """30 days ago: Anna held her certificate, Luca had not got his yet, Sara's
    had not expired yet, and Marco had not been hired."""
    make_certification(course, name="Servizio clienti", validity_months=12)
    people = {}
    for name, hired in (("anna", -300), ("luca", -300), ("sara", -500), ("marco", -10)):
        people[name] = make_user(
            f"{name}@test.it", role=roles.LEARNER, hire_date=days(hired)
        )
    for name in ("anna", "luca", "sara"):
        with django_capture_on_commit_callbacks(execute=True):
            pass_course(people[name], course)

    def backdate(name, issued, expires):
        Certificate.objects.filter(user=people[name]).update(
            issued_at=timezone.now() + datetime.timedelta(days=issued),
            expires_at=days(expires),
        )

    backdate("anna", -100, 265)
    backdate("luca", -10, 355)
    backdate("sara", -385, -20)
    certification_status_sync(today=TODAY)
    rows = CertificationStatus.objects.all()
    # Required since they were hired (the rollout predates them all).
    for row in rows:
        rows.filter(pk=row.pk).update(required_since=row.user.hire_date)
    assert dict(rows.values_list("user__email", "status")) == {
        "hr@test.it": S.NOT_STARTED,  # HR are agents too, hire date unknown
        "anna@test.it": S.CERTIFIED,
        "luca@test.it": S.CERTIFIED,
        "sara@test.it": S.EXPIRED,
        "marco@test.it": S.NOT_STARTED,
    }
    page = login(hr).get(URL).content.decode()
    # Now 2 of 5 (40 %); then 2 of 4 (50 %): Anna and Sara, not Luca, and
    # HR's own row (no hire date: counted then too).
    assert "<dd>40%</dd>" in page
    assert (
        '<dd class="hr-trend">-10 punti rispetto a 30 giorni fa (era 50%)</dd>' in page
    )


def _tile(page: str, status: str) -> str:
    """The tile that links to this status: its label, figure and trend."""
    start = page.index(">", page.index(f'status={status}"')) + 1
    return html.unescape(
        re.sub(r"<[^>]+>", " ", page[start : page.index("</div>", start)])
    )


def test_every_tile_shows_its_figure_thirty_days_ago(
    login, hr, course, django_capture_on_commit_callbacks
):
    """30 days ago Anna held her certificate, Luca's was not issued yet (he was
    overdue), Sara's was about to expire, and Paolo was enrolled but had done
    nothing yet; today Paolo has completed a module."""
    from courses.models import Enrollment, ModuleCompletion
    from courses.selectors import course_modules
    from courses.services import enrollment_create, module_complete

    make_certification(course, name="Servizio clienti", validity_months=12)
    people = {
        name: make_user(f"{name}@test.it", role=roles.LEARNER, hire_date=days(-300))
        for name in ("anna", "luca", "sara", "paolo")
    }
    for name in ("anna", "luca", "sara"):
        with django_capture_on_commit_callbacks(execute=True):
            pass_course(people[name], course)
    for name, issued, expires in (
        ("anna", -100, 265),
        ("luca", -10, 355),
        ("sara", -385, -20),
    ):
        Certificate.objects.filter(user=people[name]).update(
            issued_at=timezone.now() + datetime.timedelta(days=issued),
            expires_at=days(expires),
        )
    # Paolo: enrolled 40 days ago, due in a month, first module done 5 days ago.
    enrollment = enrollment_create(user=people["paolo"], course=course)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - datetime.timedelta(days=40), due_date=days(30)
    )
    module_complete(user=people["paolo"], module=course_modules(course=course)[0])
    ModuleCompletion.objects.update(
        completed_at=timezone.now() - datetime.timedelta(days=5)
    )
    # Anna, Luca and Sara earned theirs through the same course: only Paolo's
    # completion is fresh. Their enrolments date from before too.
    Enrollment.objects.exclude(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - datetime.timedelta(days=400)
    )
    certification_status_sync(today=TODAY)
    rows = CertificationStatus.objects.all()
    rows.update(required_since=days(-300))
    assert dict(rows.values_list("user__email", "status")) == {
        "hr@test.it": S.NOT_STARTED,
        "anna@test.it": S.CERTIFIED,
        "luca@test.it": S.CERTIFIED,
        "sara@test.it": S.EXPIRED,
        "paolo@test.it": S.IN_PROGRESS,
    }
    page = login(hr).get(URL).content.decode()
    # Then: Anna certified, Sara expiring, Luca overdue, Paolo and HR not started.
    expected = {
        "valid": "Certificati validi 2 come 30 giorni fa",
        "expiring": "In scadenza 0 -1 rispetto a 30 giorni fa (era 1)",
        "expired": "Scadute 1 +1 rispetto a 30 giorni fa (erano 0)",
        "overdue": "In ritardo 0 -1 rispetto a 30 giorni fa (era 1)",
        "in_progress": "In corso 1 +1 rispetto a 30 giorni fa (erano 0)",
        "not_started": "Non iniziate 1 -1 rispetto a 30 giorni fa (erano 2)",
        "review_required": "Revisione di policy richiesta 0 come 30 giorni fa",
    }
    for status, words in expected.items():
        assert " ".join(_tile(page, status).split()) == words, status


def test_the_pictures_speak_english_too(login, company):
    reader = make_user("hr-en@test.it", role=roles.HR, preferred_language="en")
    client = login(reader)
    page = client.get(URL).content.decode()
    assert "Certifications by status" in page
    assert re.search(r'aria-label="Overdue: \d+ \(\d+%\), show the people"', page)
    assert re.search(r'aria-label="Vendite: \d+% \(\d+ of \d+\), show the', page)
    assert re.search(r'aria-label="\d\d/\d\d to \d\d/\d\d: \d+ expiring', page)


def test_a_department_bar_keeps_its_filter_on_every_page(login, hr, db):
    """A bar whose people fill more than one page of the table: the second page
    (reached by its "Successiva" link) still lists only that department."""
    care = Department.objects.create(name="Assistenza", code="assistenza")
    sales = Department.objects.create(name="Vendite", code="vendite")
    privacy = make_requirement("Privacy e GDPR", validity_months=12)
    for n in range(70):
        person = make_user(
            f"p{n}@test.it",
            last_name=f"Persona {n:02d}",
            department=care if n < 60 else sales,
        )
        make_status(person, privacy, S.CERTIFIED, valid_until=days(200))
    client = login(hr)
    page = client.get(URL).content.decode()
    (href,) = re.findall(
        r'<a href="([^"]+)" class="chart__link" aria-label="Assistenza: ', page
    )
    tables = all_pages(client, href)
    assert len(tables) == 2
    listed = [int(pk) for pk in people_listed(tables)]
    assert len(listed) == len(set(listed)) == 60
    assert set(listed) == set(care.members.values_list("pk", flat=True))
