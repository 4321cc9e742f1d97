"""Roles cannot escalate (issue 20 §2): HR gives Learner, Trainer and HR only,
never to itself a role it lacks, never a group that can publish; the person
form, the import, Wagtail's user views and bulk actions obey the same rule.
Only a superuser sets another person's password or touches a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Page

from courses.models import Enrollment
from people import roles
from people.models import User
from tests.builders import PASSWORD, make_course, person_form

LEAD = roles.LEAD_TRAINER


def group(name):
    return Group.objects.get(name=name)


def names(person):
    return set(person.groups.values_list("name", flat=True))


def wagtail_form(person, groups=(), **extra):
    return {
        "email": person.email,
        "first_name": person.first_name or "M",
        "last_name": person.last_name or "N",
        "is_active": "on",
        "preferred_language": "it",
        "groups": [g.pk for g in groups],
        **extra,
    }


def give_trainers_publishing():
    GroupPagePermission.objects.create(
        group=group(roles.TRAINER),
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="publish_page"),
    )


# --- The person form -----------------------------------------------------------


def ticks(*names):
    """The person form's role checkboxes ticked for `names`."""
    return {"roles": [group(name).pk for name in names]}


def test_the_person_form_offers_hr_only_the_three_roles(hr_client, learner):
    page = hr_client.get(f"/hr/persone/{learner.pk}/").content.decode()
    for name in (roles.TRAINER, roles.HR, roles.LEARNER):
        assert f'value="{group(name).pk}"' in page
    assert f'value="{group(LEAD).pk}"' not in page
    # In Italian, as the rest of the page.
    assert "Formatore" in page and "Risorse umane" in page


def test_hr_cannot_make_anyone_a_lead_trainer_with_the_form(hr_client, learner):
    response = hr_client.post(
        f"/hr/persone/{learner.pk}/", person_form(learner, **ticks(LEAD))
    )
    assert response.status_code == 200
    assert "non è tra quelle disponibili" in response.content.decode()
    assert names(learner) == {roles.LEARNER}


def test_hr_makes_a_learner_a_trainer_and_the_change_is_audited(hr_client, hr, learner):
    response = hr_client.post(
        f"/hr/persone/{learner.pk}/", person_form(learner, **ticks(roles.TRAINER))
    )
    assert response.status_code == 302
    assert names(learner) == {roles.TRAINER}
    entry = next(
        e
        for e in log_registry.get_logs_for_instance(learner)
        if e.action == "lms.person.roles"
    )
    assert entry.user == hr
    assert entry.data == {"added": [roles.TRAINER], "removed": [roles.LEARNER]}


def test_hr_cannot_give_itself_a_role_it_lacks(hr_client, hr):
    page = hr_client.get(f"/hr/persone/{hr.pk}/").content.decode()
    assert f'value="{group(roles.TRAINER).pk}"' not in page
    response = hr_client.post(
        f"/hr/persone/{hr.pk}/",
        person_form(hr, **ticks(roles.LEARNER, roles.HR, roles.TRAINER)),
    )
    assert response.status_code == 200
    assert names(hr) == {roles.LEARNER, roles.HR}


def test_a_group_that_can_publish_is_never_given_by_hr(hr_client, learner):
    # "Can publish" is read from the group's rights, not its name.
    give_trainers_publishing()
    page = hr_client.get(f"/hr/persone/{learner.pk}/").content.decode()
    assert f'value="{group(roles.TRAINER).pk}"' not in page
    hr_client.post(
        f"/hr/persone/{learner.pk}/",
        person_form(learner, **ticks(roles.LEARNER, roles.TRAINER)),
    )
    assert names(learner) == {roles.LEARNER}


def test_the_grant_rule_itself(hr, learner, boss, trainer):
    assert {g.name for g in roles.grantable_groups(hr)} == {
        roles.LEARNER,
        roles.TRAINER,
        roles.HR,
    }
    # Every new person starts as a learner: HR holds Learner and HR.
    assert {g.name for g in roles.grantable_groups(hr, to=hr)} == {
        roles.LEARNER,
        roles.HR,
    }
    assert not roles.grantable_groups(hr, to=boss).exists()
    assert not roles.grantable_groups(trainer, to=learner).exists()
    assert roles.grantable_groups(boss, to=learner).filter(name=LEAD).exists()
    assert set(roles.publishing_groups().values_list("name", flat=True)) == {LEAD}


# --- The CSV import -------------------------------------------------------------


def test_an_importer_who_may_not_give_the_learner_role_imports_nobody(client, hr, db):
    from people.services import people_import_upload

    people_import = people_import_upload(
        uploaded_file=SimpleUploadedFile(
            "p.csv",
            b"employee_id,first_name,last_name,email\nB1,Anna,Neri,anna@test.it\n",
        ),
        by=hr,
    )
    # The Learner group made a publishing one: the rule refuses it to HR.
    group(roles.LEARNER).permissions.add(
        Permission.objects.create(
            codename="publish_person",
            name="Può pubblicare persone",
            content_type=ContentType.objects.get_for_model(User),
        )
    )
    client.force_login(hr)
    response = client.post(f"/hr/persone/importa/{people_import.pk}/", {})
    assert response.status_code == 403
    assert not User.objects.filter(email="anna@test.it").exists()


# --- Wagtail's user views ---------------------------------------------------------


def test_wagtail_user_form_offers_hr_only_grantable_roles_in_italian(
    hr_client, learner
):
    page = hr_client.get(f"/admin/users/edit/{learner.pk}/").content.decode()
    lead = group(LEAD)
    assert f'value="{lead.pk}"' not in page
    assert "Formatore" in page and "Risorse umane" in page
    assert 'name="password1"' not in page
    assert 'name="is_superuser"' not in page


def test_role_names_follow_the_admins_language(client, hr, learner):
    from people.services import user_set_language

    user_set_language(user=hr, language="en")
    client.force_login(hr)
    page = client.get(f"/admin/users/edit/{learner.pk}/").content.decode()
    assert "Learner" in page and "Trainer" in page
    assert "Formatore" not in page
    assert "Risorse umane" not in page


def test_wagtail_user_form_refuses_a_lead_trainer_group(hr_client, learner):
    response = hr_client.post(
        f"/admin/users/edit/{learner.pk}/",
        wagtail_form(learner, groups=[group(LEAD)]),
    )
    assert response.status_code == 200
    assert names(learner) == {roles.LEARNER}


def test_wagtail_user_form_sets_the_ticked_grantable_roles(hr_client, trainer):
    response = hr_client.post(
        f"/admin/users/edit/{trainer.pk}/",
        wagtail_form(trainer, groups=[group(roles.HR)]),
    )
    assert response.status_code == 302
    # Learner was offered and left unticked: taken away; nothing else is.
    assert names(trainer) == {roles.HR}


def test_hr_cannot_tick_a_role_for_itself_in_wagtails_form(hr_client, hr):
    response = hr_client.post(
        f"/admin/users/edit/{hr.pk}/",
        wagtail_form(hr, groups=[group(roles.HR), group(roles.TRAINER)]),
    )
    assert response.status_code == 200
    assert names(hr) == {roles.LEARNER, roles.HR}


def test_only_a_superuser_sets_another_persons_password(hr_client, learner, boss):
    new = {"password1": "Xk29!vqLm_z8", "password2": "Xk29!vqLm_z8"}
    hr_client.post(
        f"/admin/users/edit/{learner.pk}/",
        wagtail_form(learner, groups=[group(roles.LEARNER)], **new),
    )
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)
    # A person HR creates in Wagtail's admin has no password HR knows.
    hr_client.post(
        "/admin/users/new/",
        wagtail_form(User(email="nuovo@test.it"), groups=[group(roles.LEARNER)], **new),
    )
    created = User.objects.get(email="nuovo@test.it")
    assert not created.has_usable_password()
    assert names(created) == {roles.LEARNER}
    # The superuser may.
    hr_client.force_login(boss)
    hr_client.post(
        f"/admin/users/edit/{learner.pk}/",
        wagtail_form(learner, groups=[group(roles.LEARNER)], **new),
    )
    learner.refresh_from_db()
    assert learner.check_password("Xk29!vqLm_z8")


# --- Wagtail's bulk actions --------------------------------------------------------


def bulk(client, action, people, data, next_url="/admin/users/"):
    ids = "&".join(f"id={p.pk}" for p in people)
    return client.post(f"/admin/bulk/people/user/{action}/?{ids}&next={next_url}", data)


def test_bulk_assign_role_refuses_lead_trainer(hr_client, learner):
    page = hr_client.get(f"/admin/bulk/people/user/assign_role/?id={learner.pk}")
    assert f'value="{group(LEAD).pk}"' not in page.content.decode()
    response = bulk(hr_client, "assign_role", [learner], {"role": group(LEAD).pk})
    assert response.status_code == 200
    assert names(learner) == {roles.LEARNER}


def test_bulk_assign_role_skips_administrators_and_the_actor(
    hr_client, hr, learner, boss
):
    response = bulk(
        hr_client,
        "assign_role",
        [learner, boss, hr],
        {"role": group(roles.TRAINER).pk},
    )
    assert response.status_code == 302
    assert names(learner) == {roles.LEARNER, roles.TRAINER}
    assert names(boss) == {roles.LEARNER}
    assert names(hr) == {roles.LEARNER, roles.HR}
    assert any(
        e.action == "lms.person.roles"
        for e in log_registry.get_logs_for_instance(learner)
    )


def test_bulk_set_active_state_never_deactivates_an_administrator(
    hr_client, learner, boss
):
    response = bulk(
        hr_client, "set_active_state", [learner, boss], {"mark_as_active": "False"}
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    boss.refresh_from_db()
    assert (learner.is_active, boss.is_active) == (False, True)
    # Through the service: audited like the HR page's deactivation.
    assert any(
        e.action == "lms.person.deactivate"
        for e in log_registry.get_logs_for_instance(learner)
    )


def test_bulk_delete_is_not_for_hr(hr_client, learner):
    response = bulk(hr_client, "delete", [learner], {})
    assert response.status_code in (302, 403)
    assert User.objects.filter(pk=learner.pk).exists()


def test_bulk_delete_of_a_person_with_training_records_is_refused_not_a_500(
    client, boss, learner, catalogue
):
    course = make_course(catalogue, modules=1, quiz=False)
    Enrollment.objects.create(user=learner, course=course)
    client.force_login(boss)
    response = bulk(client, "delete", [learner], {})
    assert response.status_code == 302
    assert User.objects.filter(pk=learner.pk).exists()


# --- Wagtail's default groups ---------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtails_default_groups_are_gone_and_come_back_on_reverse():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    executor = MigrationExecutor(connection)
    executor.migrate([("people", "0006_employee_id_characters")])
    moderators = Group.objects.get(name="Moderators")
    assert moderators.page_permissions.filter(
        permission__codename="publish_page"
    ).exists()
    assert Group.objects.filter(name="Editors").exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_role_choices_of_courses_and_certifications_are_in_italian(
    client, boss, catalogue
):
    from tests.builders import make_certification

    course = make_course(catalogue, modules=1, quiz=False)
    certification = make_certification(course)
    client.force_login(boss)
    page = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    # An assignment rule's role.
    assert ">Formatore responsabile<" in page
    assert ">Lead trainer<" not in page
    url = f"/admin/snippets/certifications/certification/edit/{certification.pk}/"
    page = client.get(url).content.decode()
    assert ">Risorse umane<" in page and ">HR<" not in page
