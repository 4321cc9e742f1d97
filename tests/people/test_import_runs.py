"""A confirmed import runs in the background: the confirmation queues it once,
the status page follows it and shows what it did, to its uploader only, and
the task applies the file in batches under the rules of the preview."""

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import ModelLogEntry

from people import roles
from people.models import PeopleImport, User
from people.tasks import apply_people_import
from tests.builders import make_user
from tests.people.test_import import GOOD, apply, csv_bytes, preview, text

# Four rows in batches of two, the managers named below the people they lead.
FILE = csv_bytes(
    "A1,Anna,Ricci,anna@test.it,Assistenza,Agente,,M1,",
    "A2,Luca,Conti,luca@test.it,Assistenza,Agente,,M1,",
    "OLD,Olga,Nuovo-cognome,olga@test.it,,,,,",
    "M1,Carla,Capo,carla@test.it,Assistenza,Team leader,,,",
    "SAME,Sara,Uguale,sara@test.it,,,,,",
)


@pytest.fixture
def small_batches(settings):
    settings.LMS_IMPORT_BATCH_ROWS = 2


def _existing():
    make_user("olga@test.it", employee_id="OLD", first_name="Olga", last_name="Vecchi")
    make_user("sara@test.it", employee_id="SAME", first_name="Sara", last_name="Uguale")


def test_confirm_leads_to_the_status_page_with_what_the_run_did(
    login, hr, small_batches, django_assert_max_num_queries
):
    _existing()
    client = login(hr)
    url, _page = preview(client, FILE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url)
    run = PeopleImport.objects.get()
    status_url = f"/hr/persone/importa/{run.pk}/stato/"
    assert response["Location"] == status_url
    with django_assert_max_num_queries(12):
        page = client.get(status_url).content.decode()
    shown = text(page)
    assert "Stato: Completata" in shown
    assert "Righe elaborate: 5 su 5" in shown
    assert "Importazione avviata" in shown
    assert "Nuove persone 3" in shown and "Aggiornamenti 1" in shown
    assert "Invariate 1" in shown and "Rifiutate 0" in shown
    assert 'http-equiv="refresh"' not in page  # done: it stays
    anna = User.objects.get(employee_id="A1")
    assert anna.manager.employee_id == "M1"
    assert User.objects.get(employee_id="OLD").last_name == "Nuovo-cognome"
    run.refresh_from_db()
    assert (run.status, run.rows_done, run.last_line) == ("applied", 5, 6)
    entry = ModelLogEntry.objects.get(action="lms.people.import")
    assert (entry.data["created"], entry.data["updated"]) == (3, 1)
    # The preview address now leads to the status page too.
    assert client.get(url)["Location"] == status_url


def test_a_second_confirm_or_a_retried_task_applies_nothing_twice(login, hr):
    client = login(hr)
    url, _page = preview(client, GOOD)
    apply(client, url)
    before = list(User.objects.order_by("pk").values())
    run = PeopleImport.objects.get()
    # The back button and the button again; then a worker running the job twice.
    page = apply(client, url)
    assert "Stato: Completata" in text(page.content.decode())
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        apply_people_import.enqueue(run.pk)
    assert not queued  # nothing new was written, so nothing announced
    assert PeopleImport.objects.count() == 1
    assert PeopleImport.objects.get().counts == run.counts
    assert ModelLogEntry.objects.filter(action="lms.people.import").count() == 1
    assert list(User.objects.order_by("pk").values()) == before


def test_a_retried_run_goes_on_after_its_last_committed_batch(login, hr, small_batches):
    client = login(hr)
    url, _page = preview(client, FILE)
    # As a worker that died after its first batch of two rows leaves it.
    run = PeopleImport.objects.get()
    make_user("anna@test.it", employee_id="A1", first_name="Anna", last_name="Ricci")
    make_user("luca@test.it", employee_id="A2", first_name="Luca", last_name="Conti")
    PeopleImport.objects.filter(pk=run.pk).update(
        status="running", rows_total=5, rows_done=2, last_line=3, counts={"created": 2}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        apply_people_import.enqueue(run.pk)
    run.refresh_from_db()
    assert run.status == "applied"
    assert run.rows_done == 5
    assert (run.counts["created"], run.counts["unchanged"]) == (5, 0)
    assert User.objects.filter(employee_id__in=["A1", "A2", "M1", "SAME"]).count() == 4
    assert User.objects.get(employee_id="A2").manager.employee_id == "M1"


def test_only_the_uploader_sees_the_status_page(client, login, hr, boss):
    url, _page = preview(login(hr), GOOD)
    apply(client, url)
    status_url = url + "stato/"
    client.force_login(make_user("hr2@test.it", role=roles.HR))
    assert client.get(status_url).status_code == 404
    client.force_login(boss)  # a superuser too: the file is the uploader's
    assert client.get(status_url).status_code == 404
    client.force_login(make_user("agente@test.it", role=roles.LEARNER))
    assert client.get(status_url).status_code == 403


def test_a_row_the_rules_refuse_since_the_preview_is_reported(login, hr):
    hr.preferred_language = "en"
    hr.save()
    anna = make_user("anna@test.it", employee_id="A1", first_name="Anna")
    client = login(hr)
    url, page = preview(client, GOOD)
    assert "Errors 0" in text(page)
    # Meanwhile an administrator makes Anna a lead trainer, whom HR may not change.
    anna.groups.add(Group.objects.get(name=roles.LEAD_TRAINER))
    shown = text(apply(client, url).content.decode())
    assert "Status: Failed" in shown
    assert "The file contains errors: nothing was changed." in shown
    assert "Refused 1" in shown
    assert "3 Employee ID “A1”: This person has the role “Lead trainer”" in shown
    assert not User.objects.filter(employee_id="M1").exists()
    assert ModelLogEntry.objects.filter(action="lms.people.import_failed").exists()


def test_a_fault_in_the_task_ends_the_run_as_failed(login, hr, caplog):
    client = login(hr)
    url, _page = preview(client, GOOD)
    run = PeopleImport.objects.get()
    with TestCase.captureOnCommitCallbacks() as queued:
        client.post(url)
    # The file is lost from the storage before the worker takes the job.
    run.file.storage.delete(run.file.name)
    for callback in queued:
        callback()
    shown = text(client.get(url + "stato/").content.decode())
    assert "Stato: Non riuscita" in shown
    assert "Errore imprevisto durante l" in shown
    assert not User.objects.filter(employee_id="M1").exists()
    assert "people import" in caplog.text
