"""The person form's roles: the ones HR may give, as ticks, the person's own
ticked. Nothing the form does not show is dropped, and nobody takes their own
people-managing role away (with no superuser about, HR would be locked out of
every HR page for good)."""

import html
import re

from django.contrib.auth.models import Group
from wagtail.log_actions import registry as log_registry

from people import roles
from tests.builders import make_user

OWN_ROLE = (
    "Non puoi toglierti il ruolo «Risorse umane»: perderesti l'accesso alla "
    "gestione delle persone. Chiedi a un'altra persona delle Risorse umane."
)


def pk(name):
    return Group.objects.get(name=name).pk


def names(person):
    return set(person.groups.values_list("name", flat=True))


def visible(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def person_form(person, *role_names, **extra):
    return {
        "first_name": person.first_name or "M",
        "last_name": person.last_name or "N",
        "email": person.email,
        "preferred_language": "it",
        "roles": [pk(name) for name in role_names],
        **extra,
    }


def checked(page, name) -> bool:
    tag = re.search(rf'<input[^>]*value="{pk(name)}"[^>]*>', page)
    return tag is not None and "checked" in tag.group(0)


def test_hr_cannot_take_its_own_hr_role_away(login, hr):
    client = login(hr)
    response = client.post(f"/hr/persone/{hr.pk}/", person_form(hr, roles.LEARNER))
    assert response.status_code == 200
    assert OWN_ROLE in visible(response)
    assert names(hr) == {roles.LEARNER, roles.HR}
    assert client.get("/hr/persone/").status_code == 200


def test_hr_cannot_take_its_own_hr_role_away_in_wagtails_form(login, hr):
    client = login(hr)
    response = client.post(
        f"/admin/users/edit/{hr.pk}/",
        {
            "email": hr.email,
            "first_name": hr.first_name,
            "last_name": hr.last_name,
            "is_active": "on",
            "preferred_language": "it",
            "groups": [pk(roles.LEARNER)],
        },
    )
    assert response.status_code == 200
    assert OWN_ROLE in visible(response)
    assert names(hr) == {roles.LEARNER, roles.HR}


def test_hr_still_edits_its_own_details(login, hr):
    client = login(hr)
    response = client.post(
        f"/hr/persone/{hr.pk}/",
        person_form(hr, roles.LEARNER, roles.HR, job_title="Responsabile HR"),
    )
    assert response.status_code == 302
    hr.refresh_from_db()
    assert hr.job_title == "Responsabile HR"
    assert names(hr) == {roles.LEARNER, roles.HR}


def test_the_form_shows_every_role_the_person_has_ticked(login, hr):
    marco = make_user("marco@test.it", role=roles.TRAINER, first_name="Marco")
    assert names(marco) == {roles.LEARNER, roles.TRAINER}
    page = login(hr).get(f"/hr/persone/{marco.pk}/").content.decode()
    assert checked(page, roles.LEARNER)
    assert checked(page, roles.TRAINER)
    assert not checked(page, roles.HR)


def test_giving_a_role_keeps_the_others_and_is_audited(login, hr, learner):
    client = login(hr)
    response = client.post(
        f"/hr/persone/{learner.pk}/",
        person_form(learner, roles.LEARNER, roles.TRAINER),
    )
    assert response.status_code == 302
    assert names(learner) == {roles.LEARNER, roles.TRAINER}
    entries = [
        e.data
        for e in log_registry.get_logs_for_instance(learner)
        if e.action == "lms.person.roles"
    ]
    assert entries == [{"added": [roles.TRAINER], "removed": []}]
    # Unticking one is the one way to take it away, and that is audited too.
    client.post(f"/hr/persone/{learner.pk}/", person_form(learner, roles.TRAINER))
    assert names(learner) == {roles.TRAINER}
    assert any(
        e.action == "lms.person.roles" and e.data["removed"] == [roles.LEARNER]
        for e in log_registry.get_logs_for_instance(learner)
    )


def test_a_new_person_gets_the_roles_ticked(login, hr):
    client = login(hr)
    page = client.get("/hr/persone/nuova/").content.decode()
    assert checked(page, roles.LEARNER)
    client.post(
        "/hr/persone/nuova/",
        {
            "first_name": "A",
            "last_name": "B",
            "email": "ab@test.it",
            "preferred_language": "it",
            "roles": [pk(roles.LEARNER), pk(roles.TRAINER)],
        },
    )
    assert names(hr.__class__.objects.get(email="ab@test.it")) == {
        roles.LEARNER,
        roles.TRAINER,
    }
