"""The upload page says which columns the import reads, which of them it
requires and what each holds, from the importer's own definitions; and why
the employee ID is required when HR's form does not ask for it."""

import html
import re

from people import importing

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
