"""HR cannot take over an account that can do more than HR may give: changing a
lead trainer's e-mail to an address HR reads, then asking for a password reset,
would sign HR in with publishing rights. Whoever holds a role HR could not
grant, and any administrator, is changed by a superuser only: on the person
page, in the import, in Wagtail's user views and bulk actions."""

import html
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from people import roles
from people.models import User
from tests.builders import make_user, person_form

REFUSAL = (
    "Questa persona ha il ruolo «Formatore responsabile», che non puoi assegnare: "
    "solo un amministratore può modificarla."
)


def visible(response) -> str:
    """The page as a person reads it: no tags, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def test_hr_cannot_change_a_lead_trainers_email_and_reset_their_password(
    hr_client, lead
):
    url = f"/hr/persone/{lead.pk}/"
    page = hr_client.get(url)
    assert page.status_code == 403
    assert REFUSAL in visible(page)
    assert 'name="email"' not in page.content.decode()

    response = hr_client.post(url, person_form(lead, email="hr-casella@test.it"))
    assert response.status_code == 403
    assert REFUSAL in visible(response)
    lead.refresh_from_db()
    assert lead.email == "responsabile@test.it"

    # A reset asked for the address HR controls carries no link to any account.
    hr_client.logout()
    hr_client.post("/account/password/reset/", {"email": "hr-casella@test.it"})
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


def test_hr_cannot_deactivate_a_lead_trainer(hr_client, lead):
    response = hr_client.post(f"/hr/persone/{lead.pk}/attivo/", {"active": "0"})
    assert response.status_code == 403
    assert REFUSAL in visible(response)
    lead.refresh_from_db()
    assert lead.is_active


def test_hr_cannot_change_a_staff_member(hr_client):
    staff = make_user("staff@test.it", is_staff=True, first_name="Sandro")
    response = hr_client.post(
        f"/hr/persone/{staff.pk}/", person_form(staff, email="hr-casella@test.it")
    )
    assert response.status_code == 403
    assert "Solo un amministratore può modificare" in visible(response)
    staff.refresh_from_db()
    assert staff.email == "staff@test.it"


def test_hr_still_edits_the_people_whose_roles_it_could_give(hr_client, trainer):
    response = hr_client.post(
        f"/hr/persone/{trainer.pk}/",
        person_form(
            trainer,
            email="marco@test.it",
            roles=[g.pk for g in trainer.groups.all()],
        ),
    )
    assert response.status_code == 302
    trainer.refresh_from_db()
    assert trainer.email == "marco@test.it"


def test_a_superuser_still_changes_a_lead_trainer(client, boss, lead):
    client.force_login(boss)
    response = client.post(
        f"/hr/persone/{lead.pk}/",
        person_form(lead, email="lia@test.it", roles=[g.pk for g in lead.groups.all()]),
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.email == "lia@test.it"
    assert lead.groups.filter(name=roles.LEAD_TRAINER).exists()


# --- The CSV import ---------------------------------------------------------------


def test_the_import_refuses_a_lead_trainers_row(
    login, hr, lead, django_capture_on_commit_callbacks
):
    lead.employee_id = "L1"
    lead.save()
    client = login(hr)
    content = (
        b"employee_id,first_name,last_name,email\n"
        b"L1,Lia,Bianchi,hr-casella@test.it\n"
        b"N1,Nina,Neri,nina@test.it\n"
    )
    response = client.post(
        "/hr/persone/importa/", {"file": SimpleUploadedFile("p.csv", content)}
    )
    url = response["Location"]
    preview = visible(client.get(url))
    assert REFUSAL in preview
    assert "Matricola «L1»" in preview
    # Confirmed anyway: the run (a background task) refuses the whole file.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})
    applied = visible(client.get(response["Location"]))
    assert "Non riuscita" in applied and REFUSAL in applied
    lead.refresh_from_db()
    assert lead.email == "responsabile@test.it"
    assert not User.objects.filter(employee_id="N1").exists()


def test_an_import_never_deactivates_a_lead_trainer(
    login, hr, lead, django_capture_on_commit_callbacks
):
    lead.employee_id = "L1"
    lead.save()
    client = login(hr)
    content = b"employee_id,first_name,last_name,email\nN1,Nina,Neri,nina@test.it\n"
    response = client.post(
        "/hr/persone/importa/", {"file": SimpleUploadedFile("p.csv", content)}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"deactivate_missing": "on"})
    assert User.objects.filter(employee_id="N1").exists()
    lead.refresh_from_db()
    assert lead.is_active


# --- Wagtail's user views and bulk actions -------------------------------------------


def test_wagtails_user_form_refuses_a_lead_trainer_with_the_reason(hr_client, lead):
    url = f"/admin/users/edit/{lead.pk}/"
    response = hr_client.get(url, follow=True)
    assert response.redirect_chain[0][0] == "/admin/"
    assert REFUSAL in visible(response)
    form = {
        "email": "hr-casella@test.it",
        "first_name": "Lia",
        "last_name": "B",
        "is_active": "on",
        "preferred_language": "it",
    }
    assert hr_client.post(url, form)["Location"] == "/admin/"
    lead.refresh_from_db()
    assert lead.email == "responsabile@test.it"


def test_wagtails_bulk_actions_leave_a_lead_trainer_alone(hr_client, lead, learner):
    ids = f"id={lead.pk}&id={learner.pk}&next=/admin/users/"
    hr_client.post(
        f"/admin/bulk/people/user/set_active_state/?{ids}",
        {"mark_as_active": "False"},
    )
    hr_client.post(
        f"/admin/bulk/people/user/assign_role/?{ids}",
        {"role": Group.objects.get(name=roles.HR).pk},
    )
    lead.refresh_from_db()
    learner.refresh_from_db()
    assert lead.is_active and not learner.is_active
    assert not lead.groups.filter(name=roles.HR).exists()
    assert learner.groups.filter(name=roles.HR).exists()
