"""The admin's survey pages in words: the list says whether a survey is
anonymous in a status tag ("Anonimo" / "Con nome"), not with the field's bare
True/False, and a survey refused on creation says so in proper Italian, not
Wagtail's "Questionarionon può essere creato a causa di errori."; in English
too. The list's queries do not grow with the rows."""

import pytest

from people.services import user_set_language
from surveys.models import Survey
from tests.admin_pages import admin_messages, listing

LIST = "/admin/snippets/surveys/survey/"
WORDS = {
    "it": ("Anonimo", "Anonimo", "Con nome"),
    "en": ("Anonymous", "Anonymous", "Named"),
}
NOT_CREATED = {
    "it": "Impossibile creare questionario a causa di errori.",
    "en": "The survey could not be created due to errors.",
}


def add(title, anonymous):
    return Survey.objects.create(
        title=title,
        anonymous=anonymous,
        questions=[{"type": "rating", "value": "Quanto ti è stato utile?"}],
    )


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_list_says_anonymous_or_named_in_words(
    client, trainer, language, django_assert_max_num_queries
):
    heading, anonymous, named = WORDS[language]
    add("Gradimento aula", anonymous=True)
    add("Gradimento coaching", anonymous=False)
    user_set_language(user=trainer, language=language)
    client.force_login(trainer)
    with django_assert_max_num_queries(13):
        assert client.get(LIST).status_code == 200
    for n in range(6):
        add(f"Altro questionario {n}", anonymous=n % 2 == 0)
    # As many queries for eight rows as for two.
    with django_assert_max_num_queries(13):
        page = client.get(LIST).content.decode()
    rows = listing(page)
    assert len(rows) == 8
    assert rows["Gradimento aula"][heading] == anonymous
    assert rows["Gradimento coaching"][heading] == named
    assert {r[heading] for r in rows.values()} == {anonymous, named}
    cells = listing(page, markup=True)
    assert "w-status--primary" in cells["Gradimento aula"][heading]
    assert "w-status" in cells["Gradimento coaching"][heading]
    assert "w-status--primary" not in cells["Gradimento coaching"][heading]


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_refused_new_survey_is_said_in_words(client, trainer, language):
    user_set_language(user=trainer, language=language)
    client.force_login(trainer)
    response = client.post(f"{LIST}add/", {"title": "", "questions-count": "0"})
    assert response.status_code == 200
    assert admin_messages(response.content.decode()) == [NOT_CREATED[language]]
    assert not Survey.objects.exists()
