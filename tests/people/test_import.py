import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from wagtail.models import ModelLogEntry

from people import roles
from people.models import Department, PeopleImport, User
from tests.builders import make_user

UPLOAD = "/hr/persone/importa/"
HEADER = (
    "employee_id,first_name,last_name,email,department,job_title,hire_date,"
    "manager_employee_id,language"
)


def csv_bytes(*lines, header=HEADER, delimiter=",", encoding="utf-8"):
    text = "\n".join([header, *lines]).replace(",", delimiter) + "\n"
    return text.encode(encoding)


GOOD = csv_bytes(
    "M1,Carla,Capo,carla@test.it,Assistenza,Team leader,2020-01-15,,it",
    "A1,Anna,Ricci,anna@test.it,Assistenza,Agente,15/03/2024,M1,en",
    "A2,Luca,Conti,luca@test.it,Vendite Nord,Agente,2025-06-01,M1,",
)


def upload(client, content, name="persone.csv"):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    return response


def preview(client, content, name="persone.csv"):
    response = upload(client, content, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    url = response["Location"]
    return url, client.get(url).content.decode()


def apply(client, url, **data):
    """Confirm a preview as HR's browser does: the POST queues the apply, which
    runs once the request's transaction commits (at once with the tests' task
    backend), and the browser then opens the page it is sent to."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    while response.status_code == 302:
        response = client.get(response["Location"])
    return response


def text(page):
    """The page as a person reads it: no tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" :", ":")


def test_preview_then_apply_creates_people_departments_and_invites(login, hr):
    client = login(hr)
    url, page = preview(client, GOOD)
    assert not User.objects.filter(employee_id="A1").exists()  # preview only
    assert "Vendite Nord" in page and "Nuove persone" in page
    response = apply(client, url)
    assert "Stato: Completata" in text(response.content.decode())
    anna = User.objects.get(employee_id="A1")
    assert anna.manager.employee_id == "M1"
    assert anna.hire_date.isoformat() == "2024-03-15"
    assert anna.preferred_language == "en"
    assert anna.department.name == "Assistenza"
    assert Department.objects.filter(name="Vendite Nord").exists()
    assert anna.groups.filter(name=roles.LEARNER).exists()
    assert not anna.has_usable_password()
    # Invitations: one e-mail each, with a working set-password link.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@test.it",
        "carla@test.it",
        "luca@test.it",
    ]
    anna_mail = next(m for m in mail.outbox if m.to == ["anna@test.it"])
    assert "Choose your password" in anna_mail.body or "password" in anna_mail.body
    link = re.search(r"https?://\S+", anna_mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    page = client.get("/" + path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else "/" + path
    done = client.post(
        form_url, {"password1": "Nuova-pass-2026!", "password2": "Nuova-pass-2026!"}
    )
    assert done.status_code == 302
    assert client.login(email="anna@test.it", password="Nuova-pass-2026!")
    entry = ModelLogEntry.objects.get(action="lms.people.import")
    assert entry.data["file_name"] == "persone.csv" and entry.data["created"] == 3


def test_second_run_of_same_file_changes_nothing(login, hr):
    client = login(hr)
    url, _page = preview(client, GOOD)
    apply(client, url)
    before = list(User.objects.order_by("pk").values())
    sent = len(mail.outbox)
    url, page = preview(client, GOOD, name="again.csv")
    assert PeopleImport.objects.count() == 2
    apply(client, url)
    assert list(User.objects.order_by("pk").values()) == before
    assert len(mail.outbox) == sent
    assert PeopleImport.objects.order_by("-pk").first().counts["unchanged"] == 3


def test_updates_and_optional_deactivation(login, hr):
    client = login(hr)
    url, _ = preview(client, GOOD)
    apply(client, url)
    changed = csv_bytes(
        "M1,Carla,Capo,carla@test.it,Assistenza,Responsabile,2020-01-15,,it",
        "A1,Anna,Ricci,anna@test.it,Vendite Nord,Agente,15/03/2024,M1,en",
    )
    url, page = preview(client, changed)
    assert "Mansione: Team leader → Responsabile" in text(page)
    assert "Reparto: Assistenza → Vendite Nord" in text(page)
    assert "luca@test.it" in page  # listed as missing from the file
    apply(client, url)
    assert User.objects.get(employee_id="A2").is_active  # not ticked
    assert User.objects.get(employee_id="M1").job_title == "Responsabile"
    url, _ = preview(client, changed, name="again.csv")
    apply(client, url, deactivate_missing="on")
    assert not User.objects.get(employee_id="A2").is_active
    assert hr.__class__.objects.get(pk=hr.pk).is_active  # never the importer


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            csv_bytes(
                "A1,Anna,Ricci,anna@test.it,,,,,", "A1,Bea,Neri,bea@test.it,,,,,"
            ),
            "Matricola «A1» ripetuta (già alla riga 2).",
        ),
        (
            csv_bytes(
                "A1,Anna,Ricci,anna@test.it,,,,,", "A2,Bea,Neri,anna@test.it,,,,,"
            ),
            "E-mail «anna@test.it» ripetuta (già alla riga 2).",
        ),
        (
            csv_bytes("A1,Anna,Ricci,anna@test.it,,,,X9,"),
            "Responsabile con matricola «X9» sconosciuto.",
        ),
        (
            csv_bytes("A1,Anna,Ricci,anna@test.it,,,31/02/2024,,"),
            "Data di assunzione non valida: «31/02/2024»",
        ),
        (
            csv_bytes("A1,Anna,Ricci,anna@test.it,,,31/12/9999,,"),
            "Data di assunzione non valida: «31/12/9999»",
        ),
        (
            csv_bytes("A1,Anna,Ricci,non-una-email,,,,,"),
            "Indirizzo e-mail non valido: «non-una-email».",
        ),
        (csv_bytes(",Anna,Ricci,anna@test.it,,,,,"), "Matricola mancante."),
        (csv_bytes("A1,,Ricci,anna@test.it,,,,,"), "Nome o cognome mancante."),
        (
            csv_bytes("A1,Anna,Ricci,anna@test.it,,,,,fr"),
            "Lingua «fr» non supportata (usa it o en).",
        ),
        (
            csv_bytes("A1,Anna,Ricci,anna@test.it,,,,A1,"),
            "Una persona non può essere responsabile di sé stessa.",
        ),
        (
            csv_bytes("A1,Anna,Ricci,hr@test.it,,,,,"),
            "appartiene già a un&#x27;altra persona",
        ),
    ],
)
def test_each_row_error_with_line_and_reason(login, hr, content, message):
    client = login(hr)
    url, page = preview(client, content)
    assert message in page
    assert "<td>2</td>" in page or "<td>3</td>" in page
    response = apply(client, url)
    assert "non è stato modificato nulla" in response.content.decode()
    assert not User.objects.filter(employee_id__in=["A1", "A2"]).exists()


def test_errors_are_in_the_users_language(login, hr):
    hr.preferred_language = "en"
    hr.save()
    client = login(hr)
    _url, page = preview(client, csv_bytes("A1,Anna,Ricci,anna@test.it,,,,X9,"))
    assert "Unknown manager with employee ID «X9»." in page


def test_a_bad_row_changes_nothing_even_in_a_big_file(login, hr):
    lines = [
        f"B{n},Nome{n},Cognome{n},p{n}@test.it,Nuovo,,2024-01-01,," for n in range(300)
    ]
    lines.append("B1,Doppio,Doppio,doppio@test.it,,,,,")
    client = login(hr)
    url, _ = preview(client, csv_bytes(*lines))
    apply(client, url)
    assert not User.objects.filter(employee_id__startswith="B").exists()
    assert not Department.objects.filter(name="Nuovo").exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("cp1252", ";"), ("latin-1", "\t"), ("utf-8", ";")],
)
def test_encodings_and_delimiters(login, hr, encoding, delimiter):
    content = csv_bytes(
        "A1,Niccolò,D'Alò,nicco@test.it,Qualità,Agente,01/02/2024,,it",
        delimiter=delimiter,
        encoding=encoding,
    )
    client = login(hr)
    url, _ = preview(client, content)
    apply(client, url)
    person = User.objects.get(employee_id="A1")
    assert (person.first_name, person.last_name) == ("Niccolò", "D'Alò")
    assert person.department.name == "Qualità"


def test_a_file_with_old_mac_line_endings(login, hr):
    client = login(hr)
    url, _ = preview(client, GOOD.replace(b"\n", b"\r"))
    apply(client, url)
    assert set(User.objects.values_list("employee_id", flat=True)) >= {"M1", "A1", "A2"}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "vuoto.csv", "Il file inviato è vuoto."),
        (b"nome;email\nAnna;a@test.it\n", "x.csv", "Mancano le colonne obbligatorie"),
        (GOOD, "persone.xlsx", "Carica un file .csv."),
        (HEADER.encode() + b"\n", "x.csv", "Il file è vuoto."),
        (
            HEADER.encode() + b'\nA1,Anna,"Ricci,anna@test.it\n' + b"x" * 140_000,
            "x.csv",
            "Il file non si legge come CSV dalla riga 2: controlla le virgolette.",
        ),
    ],
)
def test_file_level_errors(login, hr, content, name, message):
    client = login(hr)
    response = upload(client, content, name)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert message in response.content.decode()


def test_size_limit(login, hr, settings):
    settings.LMS_IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(login(hr), b"x" * (1024 * 1024 + 1))
    assert "Il file supera il limite di 1 MB." in response.content.decode()


def test_only_hr_imports(client, db):
    client.force_login(make_user("x@test.it", role=roles.LEARNER))
    assert upload(client, GOOD).status_code == 403


def test_another_hr_cannot_apply_my_upload(login, hr):
    client = login(hr)
    url, _ = preview(client, GOOD)
    other = make_user("hr2@test.it", role=roles.HR)
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_large_file(login, hr, django_assert_max_num_queries):
    lines = [
        f"C{n},Nome{n},Cognome{n},c{n}@test.it,Reparto {n % 7},,2024-01-01,"
        f"{'C0' if n else ''},it"
        for n in range(3000)
    ]
    client = login(hr)
    url, page = preview(client, csv_bytes(*lines))
    assert "3000" in page
    apply(client, url)
    assert User.objects.filter(employee_id__startswith="C").count() == 3000
    assert User.objects.get(employee_id="C2999").manager.employee_id == "C0"


def test_an_import_can_neither_change_nor_deactivate_a_superuser(login, hr):
    admin = User.objects.create_superuser(
        email="admin@test.it", password="x", employee_id="ADM1", first_name="Ada"
    )
    client = login(hr)
    takeover = csv_bytes("ADM1,Ada,Rossi,mia@test.it,Assistenza,Agente,,,it")
    url, page = preview(client, takeover)
    assert "è di un amministratore" in page
    apply(client, url)
    url, _ = preview(client, GOOD, name="senza-admin.csv")
    apply(client, url, deactivate_missing="on")
    admin.refresh_from_db()
    assert (admin.email, admin.is_active) == ("admin@test.it", True)
