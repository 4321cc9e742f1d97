"""Input that must never crash or leak (issue 20 §5): template placeholders,
NUL characters, download names, employee IDs, where uploads live, what a
personal-data export contains, formulas in the site history, plain-text mail."""

import io
import json
import re
import uuid
import zipfile
from datetime import date

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver

from notifications.models import EmailTemplate
from notifications.services import notification_send
from people import roles
from people.invitations import send_invitations
from people.models import PeopleImport, User
from tests.builders import (
    PASSWORD,
    certify_through_pages,
    course_edit_form,
    make_course,
    make_question,
    make_quiz,
    make_user,
    module_form,
    post_new_person,
)

# --- E-mail templates ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["Ciao {name:>2000000}", "Mancano {days:d} giorni", "Ciao {name!r}"],
)
def test_placeholders_with_formats_are_refused_on_save(hr, login, body):
    template = EmailTemplate.objects.get(kind="reminder")
    url = f"/admin/snippets/notifications/emailtemplate/edit/{template.pk}/"
    data = {
        "kind": "reminder",
        "subject_it": "Ricorda {course}",
        "body_it": body,
        "subject_en": "Remember {course}",
        "body_en": "Hi {name}",
    }
    response = login(hr).post(url, data)
    assert response.status_code == 200
    assert "non può avere formati o conversioni" in response.content.decode()
    template.refresh_from_db()
    assert template.body_it != body


def test_a_bad_template_already_stored_never_breaks_sending(learner):
    # Written before the rule, or straight into the database.
    EmailTemplate.objects.filter(kind="overdue").update(
        subject_it="In ritardo {days:d}",
        body_it="Ciao {name:>2000000}, {name}! {link}",
    )
    record = notification_send(
        user=learner,
        kind="overdue",
        reason_key="test:bad-template",
        today=date(2026, 3, 1),
        due_date=date(2026, 2, 28),
        link="/la-mia-formazione/",
    )
    assert len(record.body) < 200
    assert "Giulia!" in record.body
    assert "{name:>2000000}" in record.body


# --- NUL characters -----------------------------------------------------------


def test_nul_in_the_search_is_a_clear_400(client, db):
    response = client.get("/cerca/?q=%00")
    assert response.status_code == 400
    assert "carattere nullo" in response.content.decode()


def test_nul_in_forms_and_filters_is_a_400_in_the_persons_language(login, hr, learner):
    client = login(hr)
    for url in ("/hr/persone/?q=a%00b", "/admin/users/?q=%00", "/corsi/%00/"):
        assert client.get(url).status_code == 400, url
    response = client.post(
        f"/hr/persone/{learner.pk}/",
        {
            "first_name": "Giu\x00lia",
            "last_name": "B",
            "email": learner.email,
            "preferred_language": "it",
        },
    )
    assert response.status_code == 400
    learner.refresh_from_db()
    assert learner.first_name == "Giulia"
    hr.preferred_language = "en"
    hr.save()
    response = client.get("/cerca/?q=%00")
    assert "null character" in response.content.decode()


def test_a_cookie_with_nul_is_ignored_not_a_500(client, learner):
    # A session key with NUL would fail the session query on PostgreSQL.
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    client.cookies["lms_language"] = "e\x00n"
    response = client.get("/cerca/?q=modulo")
    assert response.status_code == 200
    assert client.get("/la-mia-formazione/").status_code == 302  # signed out


# --- Download names and employee IDs ------------------------------------------


def test_the_transcripts_file_name_goes_through_the_header_encoder(login, hr, learner):
    # An ID saved before IDs were checked.
    User.objects.filter(pk=learner.pk).update(employee_id='A"1')
    response = login(hr).get(f"/hr/storico/{learner.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="storico-A\\"1.pdf"'
    )


@pytest.mark.parametrize("bad", ["A 1", "=cmd|' /C calc'!A0", "A/1", 'A"1'])
def test_employee_ids_are_letters_digits_and_dashes(login, hr, bad):
    client = login(hr)
    response = post_new_person(client, email="anna@test.it", employee_id=bad)
    assert response.status_code == 200
    assert "solo lettere, cifre" in response.content.decode()
    upload = client.post(
        "/hr/persone/importa/",
        {
            "file": SimpleUploadedFile(
                "p.csv",
                f"employee_id;first_name;last_name;email\n{bad};Anna;Neri;a@test.it\n".encode(),
            )
        },
    )
    page = client.get(upload["Location"]).content.decode()
    assert "non valida" in page
    assert not User.objects.filter(email__in=["anna@test.it", "a@test.it"]).exists()


def test_the_migration_names_existing_ids_to_correct(learner):
    from importlib import import_module

    migration = import_module("people.migrations.0006_employee_id_characters")
    User.objects.filter(pk=learner.pk).update(employee_id="A 1")
    with pytest.raises(RuntimeError, match="'A 1'"):
        migration.check_existing_ids(apps, None)
    User.objects.filter(pk=learner.pk).update(employee_id="A-1.b_2")
    migration.check_existing_ids(apps, None)


# --- Uploaded imports are never under a URL -----------------------------------


def test_an_uploaded_employee_file_has_no_public_url(login, hr, settings):
    client = login(hr)
    client.post(
        "/hr/persone/importa/",
        {
            "file": SimpleUploadedFile(
                "p.csv", b"employee_id,first_name,last_name,email\nB1,A,N,a@test.it\n"
            )
        },
    )
    people_import = PeopleImport.objects.get()
    path = people_import.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        people_import.file.url  # noqa: B018
    name = people_import.file.name
    for who in (Client(), client):
        assert who.get(f"/media/{name}").status_code == 404


# --- The personal-data export -------------------------------------------------


def test_the_export_gives_the_learners_answers_never_the_answer_key(
    client, learner, hr, catalogue, django_capture_on_commit_callbacks
):
    questions = [
        make_question(
            f"Domanda {n}?",
            "single",
            [("Giusta", True, "", "Riscontro segreto"), ("Sbagliata", False)],
            explanation="Spiegazione segreta",
        )
        for n in range(1, 6)
    ]
    course = make_course(catalogue, modules=1, quiz=make_quiz(questions=questions))
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certify_through_pages(client, course)
    client.force_login(hr)
    response = client.get(f"/hr/persone/{learner.pk}/dati-personali/esporta/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    text = archive.read("data.json").decode()
    data = json.loads(text)
    answers = data["answers"]
    assert len(answers) == 5
    assert answers[0]["answer"] == ["Giusta"]
    assert answers[0]["options"] == ["Giusta", "Sbagliata"] or set(
        answers[0]["options"]
    ) == {"Giusta", "Sbagliata"}
    assert answers[0]["is_correct"] is True
    # Not a key of any answer, nor anywhere in the section.
    section = json.dumps(answers)
    for word in ("correct", "feedback", "explanation", "rank", "mkey", "match"):
        assert f'"{word}"' not in section, word
    assert "segret" not in text
    assert data["attempts"][0]["fields"]["passed"] is True


def test_hr_never_exports_an_administrators_data(client, hr):
    boss = User.objects.create_superuser(email="root@test.it", password=PASSWORD)
    client.force_login(hr)
    url = f"/hr/persone/{boss.pk}/dati-personali/esporta/"
    assert client.get(url).status_code == 403
    assert client.get(f"/hr/persone/{boss.pk}/dati-personali/").status_code == 403
    client.force_login(boss)
    assert client.get(url).status_code == 200


# --- Wagtail's site history ---------------------------------------------------


def test_the_site_history_export_neutralises_formulas(client, hr):
    boss = User.objects.create_superuser(email="root@test.it", password=PASSWORD)
    client.force_login(hr)
    post_new_person(
        client, first_name="=HYPERLINK(1)", last_name="X", email="f@test.it"
    )
    assert User.objects.filter(email="f@test.it").exists()
    client.force_login(boss)
    response = client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1) X" in text
    assert ",=HYPERLINK" not in text


# --- Plain-text e-mails -------------------------------------------------------


def test_plain_text_emails_are_not_html_escaped(db):
    person = make_user("damico@test.it", role=roles.LEARNER, first_name="D'Arcy")
    send_invitations(user_ids=[person.pk])
    (message,) = mail.outbox
    assert "Ciao D'Arcy" in message.body
    assert "&#x27;" not in message.body


# --- Ids in URLs ----------------------------------------------------------------

# More digits than any database id (signed 64-bit) can have.
HUGE_ID = "9" * 20
STAND_INS = {"str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def _routes_with_ids():
    """Every route of the site (Wagtail's admin and the project's own) that
    takes a number, with HUGE_ID in each number and a plain stand-in in each
    other parameter; and whether it is one of the project's `<id:...>` routes."""
    from tests.security.test_url_permissions import walk

    for route, name, _pattern in walk(get_resolver().url_patterns):
        if "^" in route or "(?P" in route:
            continue
        params = re.findall(r"<(\w+):\w+>", route)
        if not {"int", "id"} & set(params):
            continue
        path = re.sub(
            r"<(\w+):\w+>",
            lambda m: HUGE_ID if m[1] in ("int", "id") else STAND_INS[m[1]],
            route,
        )
        yield name, "/" + path, "id" in params


# One test per role (some 600 requests each), so that the parallel workers
# share them out.
@pytest.mark.parametrize("role", ["learner", "trainer", "lead", "hr", "admin"])
def test_an_id_too_long_for_the_database_is_not_found_never_a_crash(db, request, role):
    """Someone types or tampers a 20-digit id: on SQLite a lookup through a
    relation (a course page's id) raised OverflowError, a 500, on the course,
    module and quiz pages and the trainers' admin reports. Now the project's
    routes do not match such an id (a 404, or the admin's sign-in for a learner),
    and nothing, Wagtail's own routes included, answers with a 5xx."""
    if role == "admin":
        user = make_user("root@test.it", is_superuser=True, is_staff=True)
    else:
        user = request.getfixturevalue(role)
    routes = sorted(set(_routes_with_ids()))
    assert len(routes) > 80  # the project's and Wagtail's, not a handful
    wrong = []
    client = Client(raise_request_exception=False)
    client.force_login(user)
    for _name, path, ours in routes:
        for method in (client.get, client.post):
            status = method(path).status_code
            if status >= 500 or (ours and status == 200):
                wrong.append(f"{user.email} {method.__name__} {path}: {status}")
    assert wrong == [], "\n".join(wrong)


# --- Dates and ids typed into forms and filters -------------------------------

OUT_OF_RANGE = "Indica una data dal 01/01/1900 al 31/12/2999."
NOT_A_CHOICE = "Scegli un&#x27;opzione valida"
LAST_MONTH = "start=9999-12-01&end=9999-12-31"
FIRST_YEAR = "start=0001-01-01&end=0001-12-31"


def test_a_period_at_the_ends_of_the_calendar_is_the_forms_error(
    login, hr, learner, course
):
    """31/12/9999 plus a day, or the local midnight of 01/01/0001 in UTC,
    overflowed: a 500 on HR's hours register, the transcript and the
    certificates list and their exports. Now each page shows the field's
    error, and the exports answer as they do for any wrong filter."""
    client = login(hr)
    pages = [
        *(f"/hr/ore/?{q}" for q in (LAST_MONTH, FIRST_YEAR)),
        *(f"/hr/storico/{learner.pk}/?{q}" for q in (LAST_MONTH, FIRST_YEAR)),
        "/hr/certificati/?issued_to=9999-12-31",
        "/hr/certificati/?issued_from=0001-01-01",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert OUT_OF_RANGE in response.content.decode(), url
    exports = {
        f"/hr/ore/esporta.csv?{LAST_MONTH}": 200,  # this year's, as the page
        f"/hr/ore/esporta.csv?{FIRST_YEAR}": 200,
        f"/hr/storico/{learner.pk}/pdf/?{LAST_MONTH}": 200,
        f"/hr/storico/{learner.pk}/pdf/?{FIRST_YEAR}": 200,
        **{
            f"/hr/certificati/{kind}/?issued_to=9999-12-31": 400
            for kind in ("csv", "xlsx", "zip")
        },
        "/hr/certificati/csv/?issued_from=0001-01-01": 400,
    }
    for url, status in exports.items():
        assert client.get(url).status_code == status, url
    # The range's own ends, and an ordinary period, still filter.
    for url in (
        "/hr/ore/?start=2999-01-01&end=2999-12-31",
        "/hr/ore/?start=1900-01-01&end=1900-12-31",
        f"/hr/storico/{learner.pk}/?start=2026-01-01&end=2026-12-31",
        "/hr/certificati/?issued_from=1900-01-01&issued_to=2999-12-31",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert OUT_OF_RANGE not in response.content.decode(), url
    assert client.get("/hr/certificati/csv/?issued_to=2999-12-31").status_code == 200


def test_an_observation_cannot_be_dated_before_2000(client, db):
    """01/01/0001 was accepted, and then counted in the results."""
    from tests.observations.builders import make_checklist

    leader = make_user("capo@test.it", role=roles.LEARNER)
    agent = make_user("agente@test.it", role=roles.LEARNER, manager=leader)
    checklist = make_checklist()
    client.force_login(leader)
    started = client.post(
        "/osservazioni/nuova/",
        {"agent": agent.pk, "checklist": checklist.pk, "context": "counter"},
    )
    url = started["Location"]
    observation = agent.observations.get()
    data = {
        "context": "counter",
        "minutes": "20",
        "action": "submit",
        **{f"c{c['key']}": "3" for c in observation.criteria},
    }
    for day in ("0001-01-01", "1999-12-31"):
        response = client.post(url, data | {"observed_on": day})
        assert response.status_code == 200, day
        assert "Indica una data dal 01/01/2000" in response.content.decode(), day
        observation.refresh_from_db()
        assert observation.state == observation.State.DRAFT
    response = client.post(url, data | {"observed_on": "2000-01-01"})
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.state == observation.State.SUBMITTED


def test_an_id_too_long_for_the_database_in_a_form_is_not_a_choice(
    login, hr, learner, course
):
    """A 20-digit id in a filter or a choice raised OverflowError on SQLite
    (a course is reached through its page's id; people through `__in`). Now
    it is the field's own "not one of the choices"."""
    client = login(hr)
    for url in (
        f"/hr/ore/?course={HUGE_ID}",
        f"/hr/certificati/?course={HUGE_ID}",
        f"/hr/conformita/?certification={HUGE_ID}",
        f"/hr/persone/?manager={HUGE_ID}&department={HUGE_ID}",
        f"/admin/questionari/risultati/?course={HUGE_ID}&trainer={HUGE_ID}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert NOT_A_CHOICE in response.content.decode(), url
    assign = {"due_mode": "none", "course": course.pk, "people": [learner.pk]}
    for wrong in ({"people": [HUGE_ID]}, {"course": HUGE_ID}):
        response = client.post("/admin/assegnazioni/", assign | wrong)
        assert response.status_code == 200, wrong
        assert NOT_A_CHOICE in response.content.decode(), wrong
    response = client.post("/admin/assegnazioni/", assign)
    assert response.status_code == 302
    assert client.get(f"/hr/ore/?course={course.pk}").status_code == 200


def test_the_admins_forms_refuse_such_ids_and_dates_with_the_fields_error(course):
    """The project's snippets in Wagtail's admin: a course is chosen through
    its page's id and courses, departments and roles through `__in`, and the
    page chooser looked the refused value up again to show it: a 500 each.
    Now the field says why, and dates take the same years as HR's filters
    (a hire date has its own, `people.models.HIRE_DATE_OUT_OF_RANGE`)."""
    admin = make_user("root@test.it", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    forms = {
        "/admin/snippets/classroom/session/add/": {
            "course": HUGE_ID,
            "title": "Aula",
            "starts_at": "0001-01-01 10:00",
            "ends_at": "0001-01-01 11:00",
            "place": "Sala 1",
            "capacity": "5",
            "cancel_cutoff_hours": "24",
        },
        "/admin/snippets/classroom/sessionrequirement/add/": {"course": HUGE_ID},
        "/admin/snippets/observations/observationrequirement/add/": {
            "course": HUGE_ID,
            "count": "1",
            "within_days": "30",
        },
        "/admin/snippets/certifications/certification/add/": {
            "name": "Privacy",
            "validity_months": "12",
            "renewal_window_days": "30",
            "onboarding_courses": [HUGE_ID],
            "required_departments": [HUGE_ID],
        },
    }
    for url, data in forms.items():
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert NOT_A_CHOICE in response.content.decode(), url
    page = client.post(
        "/admin/snippets/classroom/session/add/",
        forms["/admin/snippets/classroom/session/add/"] | {"course": course.pk},
    ).content.decode()
    assert OUT_OF_RANGE in page


def test_the_course_editor_refuses_a_prerequisite_id_too_long(login, lead, course):
    """Prerequisites are courses, chosen through their pages' ids in an `__in`:
    a 20-digit id was an OverflowError on SQLite."""
    form = course_edit_form(course) | {"required_courses": [HUGE_ID]}
    response = login(lead).post(f"/admin/pages/{course.pk}/edit/", form)
    assert response.status_code == 200
    assert NOT_A_CHOICE in response.content.decode()
    assert not course.required_courses.exists()


def test_the_module_editor_refuses_a_topic_id_too_long(login, lead, course):
    module = course.get_children().specific().first()
    form = module_form(module.title, module.slug) | {"topics": [HUGE_ID]}
    response = login(lead).post(f"/admin/pages/{module.pk}/edit/", form)
    assert response.status_code == 200
    assert NOT_A_CHOICE in response.content.decode()
