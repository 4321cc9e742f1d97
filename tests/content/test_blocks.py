"""The authoring blocks, rendered through a real module page, and their editor
previews; the inline knowledge check and the completion gate it sets."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model

from content.blocks import KNOWLEDGE_CHECK_ONE_CORRECT
from courses.models import KnowledgeCheckResponse, ModuleCompletion, ModulePage
from courses.services import KNOWLEDGE_CHECK_NOT_FOUND, KNOWLEDGE_CHECKS_PENDING
from tests.builders import knowledge_check, make_module

BODY_BLOCKS = ModulePage._meta.get_field("body").stream_block.child_blocks


@pytest.fixture
def document(db):
    document = get_document_model()(title="Procedura reclami")
    document.file.save(
        "procedura-reclami.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2038)
    )
    document.save()
    return document


@pytest.fixture
def enrolled(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    return client


def test_every_new_block_renders_in_the_module_page(enrolled, course, document):
    module = make_module(
        course,
        title="Blocchi",
        body=[
            (
                "do_dont",
                {
                    "title": "Il saluto",
                    "pairs": [
                        {"do": "Presentati per nome.", "dont": "Dire «Pronto?»."}
                    ],
                },
            ),
            (
                "dialogue",
                {
                    "title": "Attesa",
                    "channel": "phone",
                    "lines": [
                        {
                            "speaker": "cliente",
                            "text": "Sono in attesa da dieci minuti.",
                        },
                        {"speaker": "agente", "text": "Mi scuso per l'attesa."},
                    ],
                },
            ),
            ("document", {"document": document.pk, "description": "Da stampare."}),
            (
                "table",
                {
                    "caption": "Standard di servizio",
                    "columns": [
                        {"type": "text", "heading": "Canale"},
                        {"type": "text", "heading": "Risposta"},
                    ],
                    "rows": [{"values": ["E-mail", "Entro 24 ore"]}],
                },
            ),
            ("knowledge_check", knowledge_check("Quanto può attendere un cliente?")),
        ],
    )
    html = enrolled.get(module.url).content.decode()

    assert "Da fare" in html and "Presentati per nome." in html
    assert "Da evitare" in html and "Dire «Pronto?»." in html
    lines = re.findall(r'<li class="dialogue__line dialogue__line--(\w+)">', html)
    assert lines == ["cliente", "agente"]
    assert "Cliente:" in html and "Agente:" in html and "Al telefono" in html
    assert f'href="{document.url}"' in html
    assert re.search(r"PDF · 2,0\sKB", html)
    assert "<caption>Standard di servizio</caption>" in html
    assert '<th scope="col">Canale</th>' in html
    assert '<th scope="row">E-mail</th>' in html
    # Each cell names its column, for the phone's stacked rows.
    assert '<td data-label="Risposta">Entro 24 ore</td>' in html
    assert "Quanto può attendere un cliente?" in html
    assert html.count('type="radio" name="option"') == 3
    assert "content/js/knowledge_check.js" in html


@pytest.mark.parametrize(
    "name", ["do_dont", "dialogue", "document", "table", "knowledge_check"]
)
def test_the_editor_shows_a_live_preview_of_each_block(login, trainer, name):
    block = BODY_BLOCKS[name]
    assert block.meta.description and block.meta.icon
    response = login(trainer).get(
        "/admin/block-preview/", {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/lms.css" in html
    assert f"block-{name}" in html


def test_a_knowledge_check_needs_exactly_one_correct_answer():
    block = BODY_BLOCKS["knowledge_check"]
    for correct in ([], [0, 1]):
        value = knowledge_check()
        for index, option in enumerate(value["options"]):
            option["correct"] = index in correct
        with pytest.raises(ValidationError) as error:
            block.clean(block.to_python(value))
        assert str(KNOWLEDGE_CHECK_ONE_CORRECT) in str(error.value.block_errors)
    block.clean(block.to_python(knowledge_check()))


def _check_module(course):
    module = make_module(
        course,
        title="Con verifica",
        body=[
            ("paragraph", "<p>Testo.</p>"),
            ("knowledge_check", knowledge_check("Prima domanda?", correct=1)),
            ("knowledge_check", knowledge_check("Seconda domanda?", correct=0)),
        ],
    )
    first, second = (
        block.id for block in module.body if block.block_type != "paragraph"
    )
    return module, first, second


def test_a_module_completes_only_after_every_check_is_answered(
    enrolled, learner, course
):
    module, first, second = _check_module(course)
    complete = f"/moduli/{module.pk}/completa/"

    response = enrolled.post(complete, follow=True)
    assert response.redirect_chain[0][0] == module.url
    assert str(KNOWLEDGE_CHECKS_PENDING) in response.content.decode()
    assert not ModuleCompletion.objects.filter(module=module).exists()

    # Without JavaScript: the form posts, the page comes back with the feedback.
    response = enrolled.post(
        f"/moduli/{module.pk}/verifiche/{first}/", {"option": "2"}, follow=True
    )
    assert response.redirect_chain[0][0] == f"{module.url}#kc-{first}"
    html = response.content.decode()
    assert "Risposta non corretta: riprova." in html
    assert "Riscontro della risposta 2." in html
    assert f'id="kc-{first}-2" required checked' in html

    enrolled.post(complete)
    assert not ModuleCompletion.objects.filter(module=module).exists()

    # With JavaScript: the page's script asks for JSON and shows it in place.
    response = enrolled.post(
        f"/moduli/{module.pk}/verifiche/{second}/",
        {"option": "0"},
        headers={"accept": "application/json"},
    )
    assert response.json() == {
        "correct": True,
        "verdict": "Risposta corretta.",
        "feedback": "Riscontro della risposta 0.",
    }
    # A new answer replaces the old one; the check is ungraded.
    enrolled.post(f"/moduli/{module.pk}/verifiche/{first}/", {"option": "1"})
    responses = KnowledgeCheckResponse.objects.filter(enrollment__user=learner)
    assert sorted(
        responses.values_list("block_id", "option_index", "is_correct")
    ) == sorted([(first, 1, True), (second, 0, True)])

    enrolled.post(complete)
    assert ModuleCompletion.objects.filter(module=module).exists()


def test_bad_knowledge_check_answers_get_a_clear_message(enrolled, course):
    module, first, _second = _check_module(course)
    url = f"/moduli/{module.pk}/verifiche/{first}/"
    for data in ({}, {"option": "x"}, {"option": "9"}, {"option": "-1"}):
        response = enrolled.post(url, data, headers={"accept": "application/json"})
        assert response.status_code == 400
        assert response.json()["error"] == "Scegli una delle risposte proposte."
    response = enrolled.post(
        f"/moduli/{module.pk}/verifiche/non-esiste/", {"option": "0"}, follow=True
    )
    assert escape(str(KNOWLEDGE_CHECK_NOT_FOUND)) in response.content.decode()
    assert not KnowledgeCheckResponse.objects.exists()


def test_only_enrolled_learners_answer_checks(client, login, hr, course):
    module, first, _second = _check_module(course)
    url = f"/moduli/{module.pk}/verifiche/{first}/"
    response = client.post(url, {"option": "0"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    response = login(hr).post(
        url, {"option": "0"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 403
    assert not KnowledgeCheckResponse.objects.exists()


@pytest.mark.parametrize("checks", [1, 4])
def test_a_module_with_checks_has_a_fixed_number_of_queries(
    enrolled, course, checks, django_assert_max_num_queries
):
    module = make_module(
        course,
        title="Molte verifiche",
        body=[
            ("knowledge_check", knowledge_check(f"Domanda {n}?")) for n in range(checks)
        ],
    )
    for block in module.body:
        enrolled.post(f"/moduli/{module.pk}/verifiche/{block.id}/", {"option": "0"})
    # +1: the unread-notifications count in the header.
    # +1: the observation step (courses.completion_requirements); +1: Wagtail's
    # i18n reads the active locale to route the request.
    # +n: the content locale's id, read from the database where it is used.
    with django_assert_max_num_queries(27):
        html = enrolled.get(module.url).content.decode()
    assert html.count("Risposta corretta.") == checks
