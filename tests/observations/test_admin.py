"""The checklist editor in the admin."""

import html
import re

from tests.observations.builders import make_checklist


def test_the_checklist_editor_names_each_row_in_the_singular(login, trainer):
    """Each row is "Criterio 1", added with "Aggiungi criterio"; not
    "Criteri 1", "Aggiungi Criteri"."""
    checklist = make_checklist()
    page = login(trainer).get(
        f"/admin/snippets/observations/checklist/edit/{checklist.pk}/"
    )
    body = page.content.decode()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "Aggiungi criterio" in text
    assert "Aggiungi Criteri" not in text
    assert re.search(r"Criterio\s*<span data-inline-panel-child-count", body)
    assert not re.search(r"Criteri\s*<span data-inline-panel-child-count", body)
