"""HR's person form, new and edit alike: a person keeps at least one role,
and a taken e-mail or employee ID is refused in words, not with Django's
"Persona con questo Matricola esiste già."."""

import html
import re

from django.contrib.auth.models import Group

from people import roles
from people.models import User
from tests.builders import make_user, person_form, post_new_person

NO_ROLE = "Scegli almeno un ruolo."
ID_TAKEN = "Esiste già una persona con questa matricola."
EMAIL_TAKEN = "Questo indirizzo e-mail è già usato da un'altra persona."


def visible(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def role_error(response) -> str:
    """The error printed under the roles field, where the field names it."""
    match = re.search(
        r'<p class="field__error" id="id_roles_error"[^>]*>([^<]*)<',
        response.content.decode(),
    )
    return html.unescape(match.group(1)) if match else ""


def test_a_new_person_with_no_role_ticked_is_refused(login, hr):
    response = post_new_person(login(hr), roles=[])
    assert response.status_code == 200
    assert role_error(response) == NO_ROLE
    assert not User.objects.filter(email="ab@test.it").exists()


def test_unticking_every_role_of_a_person_is_refused_too(login, hr, learner):
    response = login(hr).post(
        f"/hr/persone/{learner.pk}/", person_form(learner, roles=[])
    )
    assert response.status_code == 200
    assert role_error(response) == NO_ROLE
    assert set(learner.groups.values_list("name", flat=True)) == {roles.LEARNER}


def test_a_new_person_gets_exactly_the_role_ticked(login, hr):
    trainer = Group.objects.get(name=roles.TRAINER)
    response = post_new_person(login(hr), roles=[trainer.pk])
    assert response.status_code == 302
    person = User.objects.get(email="ab@test.it")
    assert set(person.groups.values_list("name", flat=True)) == {roles.TRAINER}


def test_a_taken_employee_id_is_refused_in_words(login, hr):
    make_user("anna@test.it", employee_id="M1")
    response = post_new_person(login(hr), employee_id="M1")
    assert response.status_code == 200
    text = visible(response)
    assert ID_TAKEN in text
    assert "esiste già." not in text.replace(ID_TAKEN, "")


def test_a_taken_employee_id_on_the_edit_form_too(login, hr, learner):
    make_user("anna@test.it", employee_id="M1")
    response = login(hr).post(
        f"/hr/persone/{learner.pk}/",
        person_form(learner, employee_id="M1"),
    )
    assert response.status_code == 200
    assert ID_TAKEN in visible(response)


def test_wagtails_user_form_says_it_the_same_way(login, hr):
    make_user("anna@test.it", employee_id="M1")
    response = login(hr).post(
        "/admin/users/new/",
        {
            "email": "ab@test.it",
            "first_name": "A",
            "last_name": "B",
            "employee_id": "M1",
            "preferred_language": "it",
            "groups": [Group.objects.get(name=roles.LEARNER).pk],
        },
    )
    assert response.status_code == 200
    assert ID_TAKEN in visible(response)
    assert not User.objects.filter(email="ab@test.it").exists()


def test_a_taken_email_keeps_its_own_message(login, hr):
    make_user("anna@test.it")
    response = post_new_person(login(hr), email="anna@test.it")
    assert response.status_code == 200
    assert EMAIL_TAKEN in visible(response)


# Wagtail's user admin (Impostazioni → Utenti) holds a person to the same rule,
# with the same words, as HR's form: no more a silent "Discente".

WHY = (
    "Una persona senza ruolo non rientra in nessuna regola di assegnazione né "
    "certificazione."
)


def wagtail_person(**fields):
    return {
        "email": "ab@test.it",
        "first_name": "A",
        "last_name": "B",
        "is_active": "on",
        "preferred_language": "it",
        **fields,
    }


def groups_error(response) -> str:
    """The error Wagtail's form prints with the roles field."""
    page = response.content.decode()
    field = page.split('id="id_groups_0"', 1)[0].rsplit('class="w-field__wrapper', 1)
    match = re.search(r'class="error-message"[^>]*>\s*([^<]*?)\s*<', field[-1])
    return html.unescape(match.group(1)) if match else ""


def test_wagtails_new_user_with_no_role_ticked_is_refused(login, hr):
    response = login(hr).post("/admin/users/new/", wagtail_person())
    assert response.status_code == 200
    assert groups_error(response) == NO_ROLE
    assert not User.objects.filter(email="ab@test.it").exists()


def test_an_administrator_is_refused_it_too(login, boss):
    response = login(boss).post(
        "/admin/users/new/",
        wagtail_person(password1="Xk29!vqLm_z8", password2="Xk29!vqLm_z8"),
    )
    assert response.status_code == 200
    assert groups_error(response) == NO_ROLE
    assert not User.objects.filter(email="ab@test.it").exists()


def test_wagtails_new_user_form_starts_with_learner_ticked_and_says_why(login, hr):
    client = login(hr)
    response = client.get("/admin/users/new/")
    learner = Group.objects.get(name=roles.LEARNER)
    ticked = [
        tag
        for tag in re.findall(r"<input[^>]*>", response.content.decode())
        if 'name="groups"' in tag and "checked" in tag
    ]
    assert len(ticked) == 1 and f'value="{learner.pk}"' in ticked[0]
    assert WHY in visible(response)
    # HR's own form gives the same reason.
    assert WHY in visible(client.get("/hr/persone/nuova/"))


def test_wagtails_new_user_gets_exactly_the_role_ticked(login, hr):
    trainer = Group.objects.get(name=roles.TRAINER)
    response = login(hr).post("/admin/users/new/", wagtail_person(groups=[trainer.pk]))
    assert response.status_code == 302
    person = User.objects.get(email="ab@test.it")
    assert set(person.groups.values_list("name", flat=True)) == {roles.TRAINER}


def test_unticking_every_role_in_wagtails_edit_form_is_refused(login, hr, learner):
    response = login(hr).post(
        f"/admin/users/edit/{learner.pk}/",
        wagtail_person(email=learner.email, groups=[]),
    )
    assert response.status_code == 200
    assert groups_error(response) == NO_ROLE
    assert set(learner.groups.values_list("name", flat=True)) == {roles.LEARNER}


def test_wagtails_form_says_it_in_english_too(client, hr, learner):
    from people.services import user_set_language

    user_set_language(user=hr, language="en")
    client.force_login(hr)
    response = client.post(
        f"/admin/users/edit/{learner.pk}/",
        wagtail_person(email=learner.email, groups=[]),
    )
    assert groups_error(response) == "Choose at least one role."
    assert (
        "A person without a role falls under no assignment rule or certification."
        in visible(response)
    )
