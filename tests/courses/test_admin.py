"""Trainers author in the Wagtail admin; HR manages people there."""

from django.contrib.auth.models import Group
from django.test import Client

from courses.models import CoursePage, ModulePage
from courses.selectors import course_modules
from people import roles
from people.models import Department, User
from tests.builders import course_edit_form, make_course, module_form, take_quiz


def test_trainer_drafts_and_the_lead_publishes_a_module(login, trainer, lead, course):
    client = login(trainer)
    url = f"/admin/pages/add/courses/modulepage/{course.pk}/"
    response = client.post(url, module_form("Canali scritti", "canali-scritti", ""))
    assert response.status_code == 302, response.content.decode()[:2000]
    module = ModulePage.objects.get(slug="canali-scritti")
    assert not module.live and module.has_unpublished_changes

    # A plain trainer cannot publish: the request only saves another draft.
    form = module_form("Canali scritti", "canali-scritti")
    client.post(f"/admin/pages/{module.pk}/edit/", form)
    module.refresh_from_db()
    assert not module.live

    response = login(lead).post(f"/admin/pages/{module.pk}/edit/", form)
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.live
    assert module.revisions.count() == 3
    assert "Rispondi entro 24 ore." in str(module.body)


def test_modules_cannot_be_added_outside_a_course(login, trainer, catalogue):
    client = login(trainer)
    url = f"/admin/pages/add/courses/modulepage/{catalogue.pk}/"
    response = client.post(url, module_form("Fuori posto", "fuori-posto"))
    assert response.status_code in (302, 403)
    assert response.get("Location") != f"/admin/pages/{catalogue.pk}/"
    assert not ModulePage.objects.filter(slug="fuori-posto").exists()


def test_hr_cannot_edit_content(login, hr, course):
    client = login(hr)
    assert client.get(f"/admin/pages/{course.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/snippets/quizzes/quiz/").status_code in (302, 403)


def test_trainer_sees_no_people(login, trainer):
    client = login(trainer)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/hr/stato-formazione/").status_code == 403


def test_hr_creates_a_person_with_hr_fields(login, hr, db):
    department = Department.objects.create(name="Contact center", code="cc")
    client = login(hr)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "nuova@test.it",
            "first_name": "Chiara",
            "last_name": "Lombardi",
            "password1": "Molto-Sicura-2026",
            "password2": "Molto-Sicura-2026",
            "employee_id": "CC-42",
            "department": str(department.pk),
            "job_title": "Operatrice",
            "hire_date": "2026-11-02",
            "preferred_language": "en",
            "is_active": "on",
            "groups": [str(Group.objects.get(name=roles.LEARNER).pk)],
        },
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "error" in line
    ]
    person = User.objects.get(email="nuova@test.it")
    assert (person.employee_id, person.department, person.preferred_language) == (
        "CC-42",
        department,
        "en",
    )


def test_a_role_given_in_the_admin_brings_the_role_rules_courses_at_once(
    login, hr, course, django_capture_on_commit_callbacks
):
    from courses.models import AssignmentRule, Enrollment

    trainers = Group.objects.get(name=roles.TRAINER)
    AssignmentRule.objects.create(course=course, role=trainers, due_days=10)
    person = User.objects.create_user(
        email="nora@test.it", password="x", first_name="Nora", last_name="Sala"
    )
    assert not Enrollment.objects.filter(user=person).exists()
    client = login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/users/edit/{person.pk}/",
            {
                "email": person.email,
                "first_name": "Nora",
                "last_name": "Sala",
                "groups": [str(trainers.pk)],
                "preferred_language": "it",
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.status_code
    enrollment = Enrollment.objects.get(user=person)
    assert (enrollment.course, enrollment.source) == (course, "rule")


def test_trainer_previews_a_draft_module_without_enrolling(login, trainer, course):
    module = course_modules(course=course)[0]
    client = login(trainer)
    url = f"/admin/pages/{module.pk}/edit/preview/"
    form = module_form("Bozza riservata", module.slug, "")
    assert client.post(url, form).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bozza riservata" in page and "Rispondi entro 24 ore." in page
    module.refresh_from_db()
    assert module.title != "Bozza riservata", "a preview publishes nothing"


def test_hr_reads_the_audit_trail_in_site_history(login, hr, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)

    page = login(hr).get("/admin/reports/site-history/").content.decode()
    assert "Certificato rilasciato" in page


def test_a_course_with_learner_history_cannot_be_deleted(login, learner, catalogue):
    kept = make_course(catalogue, title="Con storico", modules=1)
    spare = make_course(catalogue, title="Senza storico", modules=1)
    login(learner).post(f"/corsi/{kept.pk}/iscrizione/")
    admin = User.objects.create_superuser(email="admin@test.it", password="x")
    client = Client()
    client.force_login(admin)
    response = client.post(f"/admin/pages/{kept.pk}/delete/", follow=True)
    assert "non può essere eliminata" in response.content.decode()
    assert CoursePage.objects.filter(pk=kept.pk).exists()

    client.post(f"/admin/pages/{spare.pk}/delete/")
    assert not CoursePage.objects.filter(pk=spare.pk).exists()


def test_trainer_submits_a_change_for_review_without_publishing_it(
    login, trainer, course
):
    module = course_modules(course=course)[0]
    live_title = module.title
    client = login(trainer)
    form = module_form("Versione da approvare", module.slug, "action-submit")
    response = client.post(f"/admin/pages/{module.pk}/edit/", form)
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.title == live_title, "learners still see the published text"
    assert module.workflow_in_progress
    assert module.current_workflow_state.requested_by == trainer


def test_lead_sets_order_prerequisite_and_an_assignment_rule(
    login, lead, catalogue, course
):
    from courses.models import AssignmentRule

    base = make_course(catalogue, title="Base", modules=1)
    department = Department.objects.create(name="Contact center", code="cc")
    client = login(lead)
    url = f"/admin/pages/{course.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Regole di assegnazione" in page and "moduli in sequenza" in page.lower()

    form = course_edit_form(
        course,
        required=[base],
        rules=[
            {
                "department": str(department.pk),
                "role": "",
                "hired_within_days": "30",
                "due_days": "14",
            }
        ],
        modules_in_order="on",
    )
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(pk=course.pk)
    assert course.modules_in_order
    assert list(course.required_courses.all()) == [base]
    rule = AssignmentRule.objects.get(course=course)
    assert rule.department == department and rule.due_days == 14

    # A rule without any criterion is refused with the reason.
    form["assignment_rules-0-id"] = str(rule.pk)
    form["assignment_rules-0-department"] = ""
    form["assignment_rules-0-hired_within_days"] = ""
    response = client.post(url, form)
    assert "Indica almeno un criterio" in response.content.decode()
