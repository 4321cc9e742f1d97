"""Learners find courses and modules by the words in their content."""

import html
import re

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.selectors import course_modules
from tests.builders import make_course, make_module


def _results(client, query, **params):
    response = client.get("/cerca/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_modules_by_their_body_text(client, catalogue, course):
    make_module(
        course,
        title="La chiamata in attesa",
        intro="Come gestire chi aspetta.",
        body=[
            ("paragraph", "<p>Aggiorna il cliente ogni minuto di attesa.</p>"),
            (
                "dialogue",
                {
                    "title": "",
                    "channel": "phone",
                    "lines": [{"speaker": "cliente", "text": "Quanto devo aspettare?"}],
                },
            ),
        ],
    )
    html = _results(client, "aggiorna cliente")
    assert "La chiamata in attesa" in html
    assert "Modulo del corso «Fondamenti del servizio»" in html
    assert "Quanto devo aspettare" not in html, "results show the intro only"
    assert "La chiamata in attesa" in _results(client, "aspettare")
    assert "Fondamenti del servizio" in _results(client, "Sommario")
    assert "Nessun corso o modulo contiene queste parole" in _results(client, "zebra")


def test_search_leaves_out_drafts_and_unpublished_courses(client, catalogue, course):
    module = course_modules(course=course)[0]
    module.title = "Bozza segreta"
    module.save_revision()  # a draft, not published
    hidden = make_course(catalogue, title="Corso ritirato", modules=1)
    hidden.unpublish()
    html = _results(client, "Modulo")
    assert "Bozza segreta" not in html
    assert "Corso ritirato" not in html
    assert "Modulo 1 di Fondamenti del servizio" in html


def test_search_is_paginated_with_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    for number in range(3):
        make_course(catalogue, title=f"Corso {number}", modules=4)
    with django_assert_max_num_queries(12):
        first = _results(client, "Testo del modulo")
    assert "12 risultati" in first and "Pagina 1 di 2" in first
    with django_assert_max_num_queries(12):
        second = _results(client, "Testo del modulo", page="2")
    assert "Pagina 2 di 2" in second
    # The link to the next page keeps the words searched for.
    link = re.search(r'<a href="([^"]+)">Successiva</a>', first).group(1)
    following = client.get("/cerca/" + html.unescape(link)).content.decode()
    assert "Pagina 2 di 2" in following and "12 risultati" in following
    # A page number out of range or nonsense is the nearest page, not an error.
    assert "Pagina 2 di 2" in _results(client, "Testo del modulo", page="99")
    assert "Pagina 1 di 2" in _results(client, "Testo del modulo", page="x")


def test_the_header_has_a_labelled_search_form(client, catalogue):
    html = client.get("/corsi/").content.decode()
    assert '<form class="site-search" method="get" action="/cerca/"' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html


def test_a_stray_quote_in_the_search_is_just_punctuation(client, catalogue, course):
    # On SQLite a lone double quote reached FTS5 unescaped: a 503 page saying
    # the request could not be saved.
    for query in ('"Modulo', 'Modulo "1', '""Modulo""'):
        assert "Modulo 1 di Fondamenti del servizio" in _results(client, query)
    assert "Nessun corso" not in _results(client, '"'), "nothing asked, no verdict"


def test_a_figures_kind_is_not_searched_but_its_caption_is(client, catalogue, course):
    photo = get_image_model().objects.create(
        title="Lo sportello", file=get_test_image_file("sportello.png")
    )
    make_module(
        course,
        title="Il banco",
        body=[
            (
                "image",
                {
                    "image": {
                        "image": photo.pk,
                        "decorative": False,
                        "alt_text": "Un'agente allo sportello",
                    },
                    "kind": "photo",
                    "caption": "L'accoglienza al banco.",
                },
            )
        ],
    )
    assert "Il banco" in _results(client, "accoglienza")
    assert "Il banco" not in _results(client, "fotografia")
