"""Team leaders: they see only their team in every filter, and can remind it."""

import pytest

from people.models import Department
from people.selectors import managers
from tests.builders import PASSWORD, days, make_requirement, make_status, make_user
from tests.people.dashboard import URL, S


@pytest.fixture
def team(db):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    back = Department.objects.create(name="Back office", code="back-office")
    sales = Department.objects.create(name="Vendite", code="vendite")
    boss = make_user("capo@test.it", first_name="Carla", last_name="Capo")
    other_boss = make_user("altro@test.it", first_name="Oscar", last_name="Altro")
    anna = make_user(
        "anna@test.it", first_name="Anna", last_name="Ricci", department=care
    )
    anna.manager = boss
    anna.save()
    luca = make_user(
        "luca@test.it",
        first_name="Luca",
        last_name="Conti",
        department=back,
        manager=boss,
    )
    sara = make_user(
        "sara@test.it",
        first_name="Sara",
        last_name="Greco",
        department=sales,
        manager=other_boss,
    )
    privacy = make_requirement("Privacy e GDPR")
    sales_only = make_requirement("Vendita telefonica")
    make_status(anna, privacy, S.OVERDUE, due_date=days(-3))
    make_status(luca, privacy, S.CERTIFIED, valid_until=days(300))
    make_status(sara, privacy, S.OVERDUE, due_date=days(-9))
    make_status(sara, sales_only, S.OVERDUE, due_date=days(-9))
    return locals()


def options(page: str, name: str) -> str:
    start = page.index(f'name="{name}"')
    return page[start : page.index("</select>", start)]


def test_a_manager_chooses_only_among_the_team(client, team):
    client.login(email="capo@test.it", password=PASSWORD)
    page = client.get(URL).content.decode()
    departments = options(page, "department")
    assert "Assistenza" in departments and "Back office" in departments
    assert "Vendite" not in departments
    certifications = options(page, "certification")
    assert "Privacy e GDPR" in certifications
    assert "Vendita telefonica" not in certifications and "Vendita" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"department": "sales"},
        {"certification": "sales_only"},
        {"q": "greco"},
        {"status": "overdue", "department": "sales"},
        {"manager": "other_boss"},
    ],
)
def test_a_manager_cannot_reach_outside_the_team_by_url(client, team, params):
    client.login(email="capo@test.it", password=PASSWORD)
    params = {k: getattr(team.get(v), "pk", v) for k, v in params.items()}
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sara Greco" not in page and "Greco" not in page
    export = b"".join(client.get(URL + "esporta.csv", params).streaming_content)
    assert b"Greco" not in export
    assert client.get(f"/hr/storico/{team['sara'].pk}/").status_code == 404


def test_hr_still_sees_every_department(login, hr, team):
    page = login(hr).get(URL).content.decode()
    assert "Vendite" in options(page, "department")
    assert "Sara Greco" in page


def test_managers_are_the_people_with_reports_once_each(
    team, django_assert_num_queries
):
    with django_assert_num_queries(1) as captured:
        found = list(managers())
    assert found == [team["other_boss"], team["boss"]]
    assert "DISTINCT" not in captured.captured_queries[0]["sql"].upper()
    assert "EXISTS" in captured.captured_queries[0]["sql"].upper()


REMIND = "/hr/conformita/sollecita/"


def test_a_manager_reminds_the_overdue_team_after_a_preview(
    client, team, django_capture_on_commit_callbacks
):
    from django.core import mail
    from wagtail.models import ModelLogEntry

    from notifications.models import EmailRecord

    client.login(email="capo@test.it", password=PASSWORD)
    page = client.get(URL).content.decode()
    assert f'href="{REMIND}?person=all"' in page
    assert f'href="{REMIND}?person={team["anna"].pk}"' in page
    assert f'href="{REMIND}?person={team["luca"].pk}"' not in page  # certified
    # The preview: who, and the message itself; nothing is sent yet.
    text = client.get(REMIND, {"person": "all"}).content.decode()
    assert "Anna Ricci" in text and "Greco" not in text
    assert "Anteprima del messaggio a Anna Ricci" in text
    assert "doveva essere completato entro il" in text
    assert not EmailRecord.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"person": "all"}, follow=True)
    assert "Sollecito inviato a 1 persona." in response.content.decode()
    (record,) = EmailRecord.objects.all()
    assert record.user == team["anna"] and record.kind == "overdue"
    assert [m.to for m in mail.outbox] == [["anna@test.it"]]
    entry = ModelLogEntry.objects.get(action="lms.person.remind")
    assert entry.user == team["boss"] and entry.object_id == str(team["anna"].pk)
    # At most one a day: a second click sends nothing more.
    response = client.post(REMIND, {"person": team["anna"].pk}, follow=True)
    assert "già stata sollecitata oggi" in response.content.decode()
    assert EmailRecord.objects.count() == 1
    assert "Già inviato" in client.get(REMIND, {"person": "all"}).content.decode()


@pytest.mark.parametrize(
    "who", ["outside", "not_overdue", "garbage", "superscript", "other_digits"]
)
def test_a_manager_cannot_remind_outside_the_team(client, team, who):
    from notifications.models import EmailRecord

    person = {
        "outside": team["sara"].pk,
        "not_overdue": team["luca"].pk,
        "garbage": "1 OR 1=1",
        # Digits to str.isdigit() that int() refuses, or takes as another number.
        "superscript": "\u00b2",
        "other_digits": "\u0663",  # ARABIC-INDIC DIGIT THREE
    }[who]
    client.login(email="capo@test.it", password=PASSWORD)
    assert client.get(REMIND, {"person": person}).status_code == 404
    assert client.post(REMIND, {"person": person}).status_code == 404
    assert not EmailRecord.objects.exists()


def test_reminders_need_csrf_and_a_scope(team):
    from django.test import Client

    from notifications.models import EmailRecord

    strict = Client(enforce_csrf_checks=True)
    strict.login(email="capo@test.it", password=PASSWORD)
    assert strict.post(REMIND, {"person": "all"}).status_code == 403
    learner = Client()
    learner.force_login(team["anna"])
    assert learner.get(REMIND, {"person": "all"}).status_code == 403
    assert learner.post(REMIND, {"person": "all"}).status_code == 403
    assert Client().get(REMIND)["Location"].startswith("/account/login/")
    assert not EmailRecord.objects.exists()


@pytest.mark.parametrize("extra", [2, 25])
def test_team_pages_keep_their_query_count(
    client, team, extra, django_assert_max_num_queries
):
    privacy = team["privacy"]
    for n in range(extra):
        person = make_user(
            f"t{n}@test.it",
            department=team["care"] if n % 2 else team["back"],
            manager=team["boss"],
        )
        make_status(person, privacy, S.OVERDUE, due_date=days(-n - 1))
    client.login(email="capo@test.it", password=PASSWORD)
    # + 7 for the compliance trend (rows, certifications and their rules)
    with django_assert_max_num_queries(24):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(24):
        assert client.get(URL, {"department": team["care"].pk}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(REMIND, {"person": "all"}).status_code == 200


def test_a_manager_with_nobody_overdue_is_told_so_in_their_own_language(client, team):
    """The "nobody to remind" line follows each person's language, whatever
    language the server process first read it in."""
    boss = make_user("boss@test.it", first_name="Bea", preferred_language="en")
    make_user("ok@test.it", first_name="Olga", manager=boss)
    italian = make_user("capa@test.it", first_name="Ida")
    make_user("ok2@test.it", first_name="Ugo", manager=italian)
    for email, expected in [
        ("capa@test.it", "Nessuna persona da sollecitare: nessuno è in ritardo."),
        ("boss@test.it", "Nobody to remind: nobody is overdue."),
        ("capa@test.it", "Nessuna persona da sollecitare: nessuno è in ritardo."),
    ]:
        client.login(email=email, password=PASSWORD)
        assert expected in client.get(REMIND, {"person": "all"}).content.decode()
        answer = client.post(REMIND, {"person": "all"}, follow=True)
        assert expected in answer.content.decode()
        client.logout()
