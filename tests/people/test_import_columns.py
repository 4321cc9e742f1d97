"""Italian HR-system exports: header names recognised, a mapping step for the
rest (saved for the next file), and the preview's old -> new values."""

from wagtail.models import ModelLogEntry

from people import roles
from people.models import ImportColumnMapping, User
from tests.builders import make_user
from tests.people.test_import import apply, preview, text

MAPPING = "Abbina le colonne"


def applied_without_mapping(client, content, name="persone.csv") -> str:
    """Upload `content`, whose headers are all recognised, so the preview
    asks for no mapping step, and apply it; returns the preview page."""
    url, page = preview(client, content, name=name)
    assert MAPPING not in page
    apply(client, url)
    return page


def test_an_italian_hr_export_imports_without_a_mapping_step(login, hr):
    content = (
        "MATRICOLA;Cognome;Nome;E-mail aziendale;Ufficio;Qualifica;"
        "Data Assunzione;Email Responsabile\r\n"
        "M1;Capo;Carla;carla@test.it;Assistenza;Team leader;15/01/2020;\r\n"
        "A1;Ricci;Anna;anna@test.it;Assistenza;Agente;15/03/2024;Carla@test.it\r\n"
    ).encode("utf-8-sig")
    page = applied_without_mapping(login(hr), content)
    assert "Nuove persone" in page
    anna = User.objects.get(employee_id="A1")
    assert (anna.first_name, anna.last_name) == ("Anna", "Ricci")
    assert anna.department.name == "Assistenza"
    assert anna.job_title == "Agente"
    assert anna.hire_date.isoformat() == "2024-03-15"
    assert anna.manager.employee_id == "M1"  # named by e-mail


def test_headers_match_without_case_or_accents_in_a_windows_1252_file(login, hr):
    content = (
        "Matr.;COGNOME;nome;Indirizzo e-mail;Unità organizzativa;MANSIONE;"
        "data di assunzione;Matricola del responsabile\r\n"
        "A1;D'Alò;Niccolò;nicco@test.it;Qualità;Agente;01/02/2024;\r\n"
        "A2;Cantù;Lucía;lucia@test.it;Qualità;Agente;01/03/2024;A1\r\n"
    ).encode("cp1252")
    applied_without_mapping(login(hr), content)
    nicco = User.objects.get(employee_id="A1")
    assert (nicco.first_name, nicco.last_name) == ("Niccolò", "D'Alò")
    assert nicco.department.name == "Qualità"
    assert User.objects.get(employee_id="A2").manager == nicco


UNKNOWN = (
    b"Cod. dip.,Cognome,Nome,Recapito di lavoro,Sede\n"
    b"A1,Ricci,Anna,anna@test.it,Milano\n"
    b"A2,Conti,Luca,luca@test.it,Roma\n"
)


def test_unknown_headers_are_matched_once_and_the_mapping_is_kept(login, hr):
    client = login(hr)
    url, page = preview(client, UNKNOWN)
    assert MAPPING in page
    assert "Mancano le colonne obbligatorie: Matricola, E-mail." in text(page)
    # Each uploaded header has a select; recognised ones are already chosen.
    assert "Cod. dip." in page and "Recapito di lavoro" in page
    assert '<option value="last_name" selected>' in page
    response = client.post(
        url + "colonne/",
        {
            "column_0": "employee_id",
            "column_1": "last_name",
            "column_2": "first_name",
            "column_3": "email",
            "column_4": "",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Abbinamento salvato" in page and "Nuove persone" in page
    apply(client, url)
    assert User.objects.get(employee_id="A2").email == "luca@test.it"
    assert ModelLogEntry.objects.filter(action="lms.people.import_mapping").exists()
    entry = ModelLogEntry.objects.get(action="lms.people.import")
    assert entry.data["columns"]["Recapito di lavoro"] == "email"

    # The next export from the same system: straight to the preview.
    again = UNKNOWN.replace(b"Roma", b"Napoli") + b"A3,Neri,Bea,bea@test.it,Roma\n"
    page = applied_without_mapping(client, again, name="settimana-2.csv")
    assert "Nuove persone" in page and "bea@test.it" in page
    assert User.objects.filter(employee_id="A3").exists()
    assert ImportColumnMapping.objects.count() == 1

    # HR can still correct it from the preview.
    url, page = preview(client, again, name="settimana-3.csv")
    assert "abbinamento delle colonne</a>" in page
    page = client.get(url + "colonne/").content.decode()
    assert '<option value="email" selected>' in page


def test_a_wrong_mapping_is_explained_and_nothing_is_saved(login, hr):
    client = login(hr)
    url, _page = preview(client, UNKNOWN)
    cases = [
        (
            {"column_0": "employee_id", "column_1": "last_name"}
            | {"column_2": "first_name", "column_3": "email", "column_4": "email"},
            "Il campo «E-mail» è scelto per più colonne (Recapito di lavoro, Sede)",
        ),
        (
            {"column_0": "employee_id", "column_1": "last_name"}
            | {"column_2": "first_name", "column_3": "password"},
            "«password» non è un campo del prodotto",
        ),
        (
            {"column_0": "employee_id", "column_1": "last_name"},
            "Scegli una colonna per ogni campo obbligatorio: Nome, E-mail.",
        ),
    ]
    for data, message in cases:
        response = client.post(url + "colonne/", data)
        assert response.status_code == 200
        assert message in text(response.content.decode()).replace("&#x27;", "'")
    assert not ImportColumnMapping.objects.exists()
    assert not User.objects.filter(employee_id="A1").exists()


def test_a_file_without_header_row(login, hr):
    content = b"A1;Ricci;Anna;anna@test.it;Milano\nA2;Conti;Luca;luca@test.it;Roma\n"
    client = login(hr)
    url, page = preview(client, content)
    assert "La prima riga deve contenere i nomi delle colonne" in page
    assert MAPPING not in page
    response = client.get(url + "colonne/", follow=True)
    assert "La prima riga deve contenere i nomi delle colonne" in (
        response.content.decode()
    )
    response = apply(client, url)
    assert "non è stato modificato nulla" in response.content.decode()
    assert not User.objects.filter(employee_id="A1").exists()


def test_the_preview_shows_old_and_new_values(login, hr):
    make_user("carla@test.it", employee_id="M1", first_name="Carla")
    make_user("dario@test.it", employee_id="M2", first_name="Dario", last_name="Neri")
    client = login(hr)
    url, _page = preview(
        client,
        (
            b"matricola;nome;cognome;email;reparto;mansione;data assunzione;"
            b"responsabile\n"
            b"A1;Anna;Ricci;anna@test.it;Assistenza;Agente;15/03/2024;M1\n"
            b"M1;Carla;Bianchi;carla@test.it;;;;\n"
            b"M2;Dario;Neri;dario@test.it;;;;\n"
        ),
    )
    apply(client, url)
    _url, page = preview(
        client,
        (
            b"matricola;nome;cognome;e-mail aziendale;reparto;mansione;"
            b"data assunzione;responsabile\n"
            b"A1;Anna;Ricci;anna.ricci@test.it;Vendite;Team leader;01/04/2024;M2\n"
            b"M1;Carla;Bianchi;carla@test.it;;;;\n"
            b"M2;Dario;Neri;dario@test.it;;;;\n"
        ),
        name="cambi.csv",
    )
    page = text(page)
    assert "E-mail: anna@test.it → anna.ricci@test.it" in page
    assert "Reparto: Assistenza → Vendite" in page
    assert "Mansione: Agente → Team leader" in page
    assert "Data di assunzione: 15/03/2024 → 01/04/2024" in page
    assert "Responsabile: Carla Bianchi (M1) → Dario Neri (M2)" in page


def test_only_the_uploader_with_hr_rights_maps_columns(client, login, hr):
    url, _page = preview(login(hr), UNKNOWN)
    client.force_login(make_user("hr2@test.it", role=roles.HR))
    assert client.post(url + "colonne/", {"column_0": "email"}).status_code == 404
    client.force_login(make_user("x@test.it", role=roles.LEARNER))
    assert client.get(url + "colonne/").status_code == 403
    assert not ImportColumnMapping.objects.exists()


def test_the_mapping_step_in_english(login, hr):
    hr.preferred_language = "en"
    hr.save()
    client = login(hr)
    url, page = preview(client, UNKNOWN)
    assert "Match the columns" in page
    assert "Required columns are missing: Employee ID, E-mail." in text(page)
    response = client.post(url + "colonne/", {"column_0": "employee_id"})
    assert "Choose a column for each required field" in response.content.decode()


def test_a_responsabile_column_may_hold_the_managers_e_mail(login, hr):
    content = (
        b"Matricola,Nome,Cognome,Email,Responsabile\n"
        b"M1,Carla,Capo,carla@test.it,\n"
        b"A1,Anna,Ricci,anna@test.it,CARLA@test.it\n"
        b"A2,Luca,Conti,luca@test.it,nessuno@test.it\n"
    )
    client = login(hr)
    _url, page = preview(client, content)
    assert "Responsabile con e-mail «nessuno@test.it» sconosciuto." in page
    url, _page = preview(client, content.rsplit(b"A2", 1)[0], name="giusto.csv")
    apply(client, url)
    assert User.objects.get(employee_id="A1").manager.employee_id == "M1"
