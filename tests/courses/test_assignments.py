"""Assignments: rules, manual assignment by HR and trainers, removal, due dates
and the status a learner and HR read from them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import AssignmentRule, Enrollment
from courses.selectors import user_course_progress
from courses.services import assignment_rules_apply, enrollment_remove
from people import roles
from people.models import Department
from tests.builders import make_user

TODAY = datetime.date(2026, 11, 23)
LONG_AGO = datetime.date(2019, 1, 7)
ASSIGN_URL = "/admin/assegnazioni/"


@pytest.fixture
def contact_center(db):
    return Department.objects.create(name="Contact center", code="contact-center")


@pytest.fixture
def rule(course, contact_center):
    return AssignmentRule.objects.create(
        course=course, department=contact_center, hired_within_days=30, due_days=14
    )


def test_department_rule_assigns_new_hires_with_hire_date_plus_days(
    rule, course, contact_center
):
    hired = make_user(
        "nuova@test.it",
        department=contact_center,
        hire_date=TODAY - datetime.timedelta(days=3),
    )
    veteran = make_user(
        "veterana@test.it", department=contact_center, hire_date=LONG_AGO
    )
    elsewhere = make_user("altra@test.it", hire_date=TODAY)

    created = assignment_rules_apply(today=TODAY)

    assert len(created) == 1
    enrollment = Enrollment.objects.get(user=hired, course=course)
    assert enrollment.source == Enrollment.Source.RULE
    assert enrollment.rule == rule
    assert enrollment.due_date == TODAY + datetime.timedelta(days=11)
    assert "Contact center" in enrollment.reason
    assert not Enrollment.objects.filter(user__in=[veteran, elsewhere]).exists()
    entry = ModelLogEntry.objects.get(action="lms.enrollment.assign")
    assert entry.data["rule"] == rule.pk and entry.user is None

    # Idempotent: the second run assigns nobody.
    assert assignment_rules_apply(today=TODAY) == []
    assert Enrollment.objects.count() == 1


def test_rule_without_hire_window_counts_from_today_for_long_serving_people(
    course, contact_center
):
    AssignmentRule.objects.create(course=course, department=contact_center, due_days=10)
    veteran = make_user(
        "veterana@test.it", department=contact_center, hire_date=LONG_AGO
    )
    no_date = make_user("senzadata@test.it", department=contact_center)
    assignment_rules_apply(today=TODAY)
    for person in (veteran, no_date):
        enrollment = Enrollment.objects.get(user=person)
        assert enrollment.due_date == TODAY + datetime.timedelta(days=10)


def test_role_rule_and_inactive_people(course):
    AssignmentRule.objects.create(
        course=course, role=Group.objects.get(name=roles.TRAINER), due_days=5
    )
    trainer = make_user("formatore@test.it", role=roles.TRAINER)
    make_user("ex@test.it", role=roles.TRAINER, is_active=False)
    make_user("agente@test.it", role=roles.LEARNER)
    assert len(assignment_rules_apply(today=TODAY)) == 1
    assert Enrollment.objects.get().user == trainer


def test_rule_needs_a_criterion(course):
    with pytest.raises(ValidationError, match="almeno un criterio"):
        AssignmentRule(course=course, due_days=5).full_clean()


def test_new_user_is_matched_on_commit(
    rule, course, contact_center, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = make_user(
            "nuovo@test.it",
            department=contact_center,
            hire_date=timezone.localdate(),
        )
    enrollment = Enrollment.objects.get(user=person, course=course)
    assert enrollment.due_date == timezone.localdate() + datetime.timedelta(days=14)


def test_rules_of_unpublished_courses_do_nothing(rule, course, contact_center):
    course.unpublish()
    make_user("nuova@test.it", department=contact_center, hire_date=TODAY)
    assert assignment_rules_apply(today=TODAY) == []


def test_daily_command_applies_rules(rule, contact_center, capsys):
    make_user(
        "nuova@test.it", department=contact_center, hire_date=timezone.localdate()
    )
    call_command("apply_assignment_rules")
    assert "1 new assignments" in capsys.readouterr().out
    call_command("apply_assignment_rules")
    assert "0 new assignments" in capsys.readouterr().out
    assert Enrollment.objects.count() == 1


def test_removed_assignment_is_not_brought_back_by_a_rule(
    rule, course, contact_center, hr
):
    make_user("nuova@test.it", department=contact_center, hire_date=TODAY)
    assignment_rules_apply(today=TODAY)
    enrollment_remove(enrollment=Enrollment.objects.get(), actor=hr)
    assert assignment_rules_apply(today=TODAY) == []
    assert Enrollment.objects.get().removed_at is not None


# Manual assignment ------------------------------------------------------------


def _assign(client, **data):
    payload = {"due_mode": "days", "due_in_days": "7", "reason": "", **data}
    return client.post(ASSIGN_URL, payload)


def test_hr_assigns_a_course_to_a_department(login, hr, course, contact_center):
    team = [
        make_user(f"agente{n}@test.it", department=contact_center) for n in range(3)
    ]
    make_user("fuori@test.it")
    response = _assign(
        login(hr),
        course=course.pk,
        department=contact_center.pk,
        reason="Nuova procedura reclami",
    )
    assert response.status_code == 302
    assert response.url == f"/admin/assegnazioni/corso/{course.pk}/"
    enrollments = Enrollment.objects.filter(course=course)
    assert {e.user for e in enrollments} == set(team)
    due = timezone.localdate() + datetime.timedelta(days=7)
    for enrollment in enrollments:
        assert enrollment.source == Enrollment.Source.MANUAL
        assert enrollment.enrolled_by == hr
        assert enrollment.due_date == due
        assert enrollment.reason == "Nuova procedura reclami"
    page = login(hr).get(response.url).content.decode()
    assert page.count("Rimuovi assegnazione") == 3
    assert "Nuova procedura reclami" in page


def test_trainer_assigns_selected_people_with_a_fixed_date(
    login, trainer, learner, course
):
    due = timezone.localdate() + datetime.timedelta(days=30)
    _assign(
        login(trainer),
        course=course.pk,
        people=[learner.pk],
        due_mode="date",
        due_date=due.isoformat(),
    )
    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.due_date == due and enrollment.enrolled_by == trainer


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Scegli almeno una persona, un reparto o un ruolo."),
        ({"due_mode": "date", "due_date": "2001-01-01"}, "nel passato"),
        ({"due_mode": "date", "due_date": "non-una-data"}, "Inserisci una data"),
        ({"due_mode": "days", "due_in_days": ""}, "Indica entro quanti giorni."),
        ({"course": "999999"}, "Scegli un&#x27;opzione valida"),
    ],
)
def test_bad_assignment_input_is_explained(login, hr, learner, course, data, message):
    payload = {"course": course.pk, **data}
    if data:
        payload["people"] = [learner.pk]
    response = _assign(login(hr), **payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enrollment.objects.exists()


def test_an_empty_department_is_explained(login, hr, course, contact_center):
    response = _assign(login(hr), course=course.pk, department=contact_center.pk)
    assert "Nessuna persona attiva corrisponde" in response.content.decode()


@pytest.mark.parametrize("role", [roles.LEARNER, None])
def test_only_hr_and_trainers_can_assign(client, db, course, role):
    user = make_user("altro@test.it", role=role, is_staff=False)
    client.force_login(user)
    response = client.get(ASSIGN_URL)
    # Wagtail's admin sends people without admin access to its login page.
    assert response.status_code in (302, 403)
    assert not user.has_perm("courses.assign_course")


def test_learner_with_admin_access_but_no_permission_gets_403(login, db, course):
    from django.contrib.auth.models import Permission

    user = make_user("curioso@test.it", role=roles.LEARNER)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = login(user)
    # Wagtail's admin turns PermissionDenied into a redirect with its message.
    for url in (ASSIGN_URL, f"/admin/assegnazioni/corso/{course.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"
    client.post(ASSIGN_URL, {"course": course.pk, "people": [user.pk]})
    assert not Enrollment.objects.exists()
    assert "Assegna corso" not in client.get("/admin/").content.decode()


def test_removal_keeps_history_and_reassigning_restores(login, hr, learner, course):
    client = login(hr)
    _assign(client, course=course.pk, people=[learner.pk])
    enrollment = Enrollment.objects.get()
    learner_client = login(learner)
    learner_client.post(f"/moduli/{course.get_children().first().pk}/completa/")

    client = login(hr)
    client.post(f"/admin/assegnazioni/{enrollment.pk}/rimuovi/", {"reason": "Errore"})
    enrollment.refresh_from_db()
    assert enrollment.removed_by == hr and enrollment.removed_at is not None
    assert enrollment.completions.count() == 1
    removal = ModelLogEntry.objects.get(action="lms.enrollment.remove")
    assert removal.data["removal_reason"] == "Errore" and removal.user == hr

    # The learner no longer sees it as theirs.
    home = login(learner).get("/la-mia-formazione/").content.decode()
    assert "course-card" not in home

    client = login(hr)
    _assign(client, course=course.pk, people=[learner.pk])
    enrollment.refresh_from_db()
    assert enrollment.removed_at is None and enrollment.completions.count() == 1
    assert ModelLogEntry.objects.filter(action="lms.enrollment.restore").exists()


def test_reassigning_an_enrolled_learner_updates_the_due_date(
    login, hr, learner, course
):
    login(learner).post(f"/corsi/{course.pk}/iscrizione/")
    _assign(login(hr), course=course.pk, people=[learner.pk], due_in_days="3")
    enrollment = Enrollment.objects.get()
    assert enrollment.source == Enrollment.Source.MANUAL
    assert enrollment.due_date == timezone.localdate() + datetime.timedelta(days=3)


@pytest.mark.parametrize("people", [2, 12])
def test_course_assignments_query_count_does_not_grow(
    login, hr, course, people, django_assert_max_num_queries
):
    team = [make_user(f"p{n}@test.it") for n in range(people)]
    _assign(login(hr), course=course.pk, people=[p.pk for p in team])
    client = login(hr)
    with django_assert_max_num_queries(30):
        page = client.get(f"/admin/assegnazioni/corso/{course.pk}/")
    assert page.content.decode().count("Rimuovi assegnazione") == people


# Status ---------------------------------------------------------------------


def test_status_is_overdue_after_the_due_date_never_stored(login, hr, learner, course):
    Enrollment.objects.create(
        user=learner,
        course=course,
        source=Enrollment.Source.MANUAL,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    progress = user_course_progress(user=learner, course=course)
    assert progress.status == "overdue" and progress.is_overdue
    home = login(learner).get("/la-mia-formazione/").content.decode()
    assert "In ritardo" in home
    status = login(hr).get("/hr/stato-formazione/").content.decode()
    assert "In ritardo" in status
