"""The admin's list of certificate templates says which one is the default in
words, in a status tag, not with the field's bare True/False: "Predefinito"
on the default, a dash on the others; in English too. Its queries do not grow
with the rows."""

import pytest

from certificates.models import CertificateTemplate
from people.services import user_set_language
from tests.admin_pages import listing

LIST = "/admin/snippets/certificates/certificatetemplate/"


def add(name, is_default=False):
    return CertificateTemplate.objects.create(
        name=name, is_default=is_default, title="Attestato", body="{holder_name}"
    )


@pytest.mark.parametrize(
    ("language", "heading", "default"),
    [
        ("it", "Modello predefinito", "Predefinito"),
        ("en", "Default template", "Default"),
    ],
)
def test_the_default_template_is_tagged_in_words(
    client, trainer, language, heading, default, django_assert_max_num_queries
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
    rows = listing(page)
    assert len(rows) == 8
    assert rows["Attestato aziendale"][heading] == default
    assert {rows[name][heading] for name in rows if name != "Attestato aziendale"} == {
        "—"
    }
    assert not {"True", "False", "Sì", "No", "Yes"} & {
        r[heading] for r in rows.values()
    }
    cells = listing(page, markup=True)
    assert "w-status--primary" in cells["Attestato aziendale"][heading]
    assert "w-status" not in cells["Corsi brevi"][heading]
