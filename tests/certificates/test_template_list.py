"""The admin's list of certificate templates says which one is the default in
words, in a status tag, not with the field's bare True/False: "Predefinito"
on the default, a dash on the others, which a screen reader reads as "Non
predefinito" (the dash itself hidden from it); in English too. Its queries do
not grow with the rows."""

import re

import pytest

from certificates.models import CertificateTemplate
from people.services import user_set_language
from tests.admin_pages import listing, words

LIST = "/admin/snippets/certificates/certificatetemplate/"


def seen(cell: str) -> str:
    """The cell's words on the screen: without the text for screen readers."""
    return words(re.sub(r'<span class="w-sr-only">.*?</span>', " ", cell, flags=re.S))


def read_aloud(cell: str) -> str:
    """The cell's words to a screen reader: without what is hidden from it."""
    return words(re.sub(r'<(\w+) aria-hidden="true">.*?</\1>', " ", cell, flags=re.S))


def add(name, is_default=False):
    return CertificateTemplate.objects.create(
        name=name, is_default=is_default, title="Attestato", body="{holder_name}"
    )


@pytest.mark.parametrize(
    ("language", "heading", "default", "not_default"),
    [
        ("it", "Modello predefinito", "Predefinito", "Non predefinito"),
        ("en", "Default template", "Default", "Not the default"),
    ],
)
def test_the_default_template_is_tagged_in_words(
    client,
    trainer,
    language,
    heading,
    default,
    not_default,
    django_assert_max_num_queries,
):
    add("Attestato aziendale", is_default=True)
    add("Corsi brevi")
    user_set_language(user=trainer, language=language)
    client.force_login(trainer)  # Trainers edit templates (migration 0006).
    with django_assert_max_num_queries(15):
        assert client.get(LIST).status_code == 200
    for n in range(6):
        add(f"Altro modello {n}")
    # As many queries for eight rows as for two.
    with django_assert_max_num_queries(15):
        page = client.get(LIST).content.decode()
    cells = {name: row[heading] for name, row in listing(page, markup=True).items()}
    assert len(cells) == 8
    default_cell = cells.pop("Attestato aziendale")
    assert seen(default_cell) == read_aloud(default_cell) == default
    assert "w-status--primary" in default_cell
    assert {seen(cell) for cell in cells.values()} == {"—"}
    assert {read_aloud(cell) for cell in cells.values()} == {not_default}
    assert "w-status" not in cells["Corsi brevi"]
    assert not {"True", "False", "Sì", "No", "Yes"} & {
        seen(cell) for cell in cells.values()
    }
