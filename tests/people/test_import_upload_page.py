"""The upload page says which columns the import reads, which of them it
requires and what each holds, from the importer's own definitions; and why
the employee ID is required when HR's form does not ask for it. It also leads
back to the uploader's last runs, a stopped one among them."""

import html
import re
from datetime import timedelta

from django.utils import timezone

from people import importing, roles
from people.models import PeopleImport
from tests.builders import make_user
from tests.people.test_import import text

MATCHED_BY_ID = (
    "La matricola è obbligatoria perché è con questa che ogni riga ritrova la "
    "persona già presente"
)


def rows(page: str) -> dict[str, list[str]]:
    """The columns table: the column's name -> the row's other cells."""
    body = page.split('id="columns-title"', 1)[1]
    found = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", body, re.S):
        cells = [html.unescape(c).strip() for c in re.split(r"</t[hd]><td>", row)]
        found[cells[0]] = [re.sub(r"</td>$", "", c) for c in cells[1:]]
    return found


def test_the_upload_page_lists_the_columns_and_which_are_required(login, hr):
    response = login(hr).get("/hr/persone/importa/")
    assert response.status_code == 200
    page = response.content.decode()
    table = rows(page)
    assert list(table) == [str(label) for label in importing.FIELD_LABELS.values()]
    for key, label in importing.FIELD_LABELS.items():
        required, holds, names = table[str(label)]
        assert required == ("Sì" if key in importing.REQUIRED_COLUMNS else "No")
        assert holds == str(importing.FIELD_HELP[key])
        assert names == ", ".join(importing.COLUMNS[key])
    assert table["Matricola"][0] == "Sì"
    assert table["Reparto"][0] == "No"
    assert MATCHED_BY_ID in html.unescape(page)


def test_the_column_list_is_in_english_for_an_english_reader(login, hr):
    hr.preferred_language = "en"
    hr.save()
    table = rows(login(hr).get("/hr/persone/importa/").content.decode())
    assert table["Employee ID"][0] == "Yes"


def _run(by, name, *, status="applied", minutes_ago=0):
    """A confirmed run of `by` whose last sign of life was `minutes_ago`."""
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    return PeopleImport.objects.create(
        file=f"imports/{name}",
        file_name=name,
        uploaded_by=by,
        status=status,
        confirmed_at=moment,
        heartbeat_at=moment,
    )


def test_the_upload_page_leads_back_to_the_uploaders_last_runs(
    login, hr, django_assert_max_num_queries
):
    _run(make_user("hr2@test.it", role=roles.HR), "altrui.csv")
    PeopleImport.objects.create(
        file="imports/a.csv", file_name="mai-confermata.csv", uploaded_by=hr
    )
    _run(hr, "novembre.csv", minutes_ago=60 * 24 * 30)
    stopped = _run(hr, "dicembre.csv", status="running", minutes_ago=60)
    client = login(hr)
    page = client.get("/hr/persone/importa/").content.decode()
    shown = text(page)
    assert "Le tue importazioni" in shown
    assert "dicembre.csv" in shown and "novembre.csv" in shown
    assert shown.index("dicembre.csv") < shown.index("novembre.csv")  # newest first
    assert re.search(r"dicembre\.csv</a></th><td>[^<]*</td><td>Interrotta</td>", page)
    assert f'href="/hr/persone/importa/{stopped.pk}/stato/"' in page
    assert "altrui.csv" not in shown and "mai-confermata.csv" not in shown

    with django_assert_max_num_queries(9):
        client.get("/hr/persone/importa/")
    for n in range(12):
        _run(hr, f"vecchia-{n}.csv", minutes_ago=60 * 24 * (40 + n))
    with django_assert_max_num_queries(9):
        page = client.get("/hr/persone/importa/").content.decode()
    listed = page.split('id="imports-title"', 1)[1].split("</table>", 1)[0]
    assert listed.count('<th scope="row">') == 10
