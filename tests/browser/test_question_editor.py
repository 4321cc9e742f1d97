"""The question editor, as a trainer uses it with a mouse: the form shows only
the fields of the chosen type, names each option for what it is, ordering
steps are a list reordered by dragging, matching pairs are rows, and the
preview shows the question as a learner meets it."""

from people import roles
from quizzes.admin_forms import PAIRS_DISTINCT
from quizzes.models import Question
from tests.browser.sign_in import sign_in
from tests.builders import make_site, make_user


def _visible(page, selector):
    return page.locator(selector).first.is_visible()


# A trainer's way to a new question, in each language: their e-mail, then
# the links and the menu button they click.
WAY_IN = {
    "it": (
        "formatore@test.it",
        "Amministrazione",
        "Quiz",
        "Banca domande",
        "Aggiungi domanda",
    ),
    "en": ("trainer@test.it", "Admin", "Quizzes", "Question bank", "Add question"),
}


def _new_question(page, language="it"):
    email, admin, quizzes, bank, add = WAY_IN[language]
    make_site()
    make_user(email, role=roles.TRAINER, preferred_language=language)
    sign_in(page, email)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("link", name=admin).first.click()
    page.get_by_role("button", name=quizzes).first.click()
    page.get_by_role("link", name=bank).click()
    page.get_by_role("link", name=add).first.click()
    page.locator("#id_kind").wait_for()


def _row(page, n):
    return page.locator(f"#inline_child_options-{n}")


def _texts_in_order(page, field="text"):
    """The rows' values as the trainer sees them, top to bottom."""
    return [
        row.locator(f"input[name$='-{field}']").input_value()
        for row in page.locator("#id_options-FORMS > [data-inline-panel-child]").all()
        if row.is_visible()
    ]


def _wait_for_order(page, expected, field="text"):
    """The rows in `expected` order, waited for: a row dropped or moved
    slides into place, so the order read the instant after may be the old
    one (this test once failed so under a loaded machine)."""
    for _ in range(50):
        if _texts_in_order(page, field) == expected:
            return
        page.wait_for_timeout(100)
    assert _texts_in_order(page, field) == expected


def _preview(page):
    """Open the editor's preview; its frame and the solution it shows, once
    the learner's view of the question is drawn."""
    page.get_by_role("button", name="Attiva/disattiva anteprima").click()
    preview = page.frame_locator("#w-preview-iframe")
    solution = preview.locator("[data-testid='solution'] li")
    solution.first.wait_for()
    return preview, solution.all_inner_texts()


def _save(page):
    page.get_by_role("button", name="Salva bozza").click()
    page.locator(".messages .success").first.wait_for()


def test_the_form_follows_the_question_type(page, login):
    _new_question(page)
    page.get_by_role("button", name="Aggiungi opzione").click()

    # Single choice: "correct" and the comment, no pairs, no scenario.
    assert _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='is_correct']"
    )
    assert not _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='match']"
    )
    assert not _visible(page, "[data-lms-section='scenario']")
    assert not _visible(page, "#panel-branching-section")

    # Matching: pairs, no "correct"; each option is an item to match.
    page.locator("#id_kind").select_option("matching")
    assert _visible(page, "[id^='inline_child_options-0'] [data-contentpath='match']")
    assert not _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='is_correct']"
    )
    label = page.locator("label[for='id_options-0-text']")
    assert "Elemento da abbinare" in label.inner_text()
    # An option added now follows the type too, and is a pair.
    page.get_by_role("button", name="Aggiungi una coppia").click()
    assert not _visible(
        page, "[id^='inline_child_options-1'] [data-contentpath='is_correct']"
    )

    # A customer scenario shows its situation; a branching one its graph and
    # no options at all.
    page.locator("#id_kind").select_option("scenario")
    assert _visible(page, "[data-lms-section='scenario']")
    page.locator("#id_kind").select_option("branching")
    assert _visible(page, "#panel-branching-section")
    assert not _visible(page, "[data-lms-section='options']")


def test_the_form_follows_the_question_type_in_english(page, login):
    """The script finds the sections whatever the language: in English a
    matching question shows no customer scenario, its pairs one a row, and a
    branching one no options (the sections' ids are made from their translated
    headings, so an id the Italian headings give finds nothing in English)."""
    _new_question(page, "en")
    page.locator("#id_kind").select_option("matching")
    scenario = page.get_by_role("heading", name="Customer scenario")
    options = page.get_by_role("heading", name="Options", exact=True)
    assert not scenario.is_visible()
    assert options.is_visible()
    # The section's help is the matching one, and its rows are pairs.
    assert page.get_by_text("One pair a row").is_visible()
    assert page.locator("[data-lms-section='options'].lms-options--matching").count()
    page.locator("#id_kind").select_option("scenario")
    assert scenario.is_visible()
    page.locator("#id_kind").select_option("branching")
    assert not options.is_visible()


def test_a_trainer_orders_steps_by_dragging_them(page, login):
    _new_question(page)
    page.locator("#id_text").fill("In che ordine si gestisce una chiamata?")
    page.locator("#id_kind").select_option("ordering")
    # Typed as they came to mind, in the wrong order.
    for n, step in enumerate(
        ["Ascolta la richiesta", "Saluta il cliente", "Risolvi il problema"]
    ):
        page.get_by_role("button", name="Aggiungi un passo").click()
        _row(page, n).get_by_role("textbox").fill(step)
    assert "Passo 2" in _row(page, 1).inner_text()

    # The greeting is dragged by its grip to the top of the list, the mouse
    # moving across the way a hand does.
    _row(page, 1).get_by_role("button", name="Trascina").drag_to(
        _row(page, 0).get_by_role("button", name="Trascina"), steps=10
    )
    _wait_for_order(
        page, ["Saluta il cliente", "Ascolta la richiesta", "Risolvi il problema"]
    )
    # The rows are numbered in their new order.
    assert "Passo 1" in _row(page, 1).inner_text()

    # Without a mouse: the arrows move a step too (here down and back up).
    _row(page, 2).get_by_role("button", name="Sposta su").click()
    _wait_for_order(
        page, ["Saluta il cliente", "Risolvi il problema", "Ascolta la richiesta"]
    )
    _row(page, 2).get_by_role("button", name="Sposta giù").click()
    _wait_for_order(
        page, ["Saluta il cliente", "Ascolta la richiesta", "Risolvi il problema"]
    )

    # The preview shows the steps as the learner gets them, and the order
    # just made as the solution.
    preview, solution = _preview(page)
    assert solution == [
        "Saluta il cliente",
        "Ascolta la richiesta",
        "Risolvi il problema",
    ]
    assert preview.locator("form.quiz select").count() == 3

    _save(page)
    question = Question.objects.get()
    assert question.kind == "ordering"
    assert [o.text for o in question.options.all()] == [
        "Saluta il cliente",
        "Ascolta la richiesta",
        "Risolvi il problema",
    ], "the order saved is the right order"


def test_a_trainer_builds_matching_pairs_row_by_row(page, login):
    _new_question(page)
    page.locator("#id_text").fill("Abbina ogni richiesta al reparto giusto.")
    page.locator("#id_kind").select_option("matching")
    pairs = [
        ("Addebito non riconosciuto", "Amministrazione"),
        ("Pacco mai arrivato", "Logistica"),
        ("Password dimenticata", "Supporto tecnico"),
    ]
    for n, (item, match) in enumerate(pairs):
        page.get_by_role("button", name="Aggiungi una coppia").click()
        row = _row(page, n)
        assert "Coppia" in row.inner_text()
        row.get_by_label("Elemento da abbinare").fill(item)
        row.get_by_label("Abbinamento").fill(match)
    # One pair too many: removed from its row.
    _row(page, 2).get_by_role("button", name="Elimina").click()
    _row(page, 2).wait_for(state="hidden")  # after Wagtail's fade-out
    assert _texts_in_order(page, "match") == ["Amministrazione", "Logistica"]

    # The same match twice is refused, in words the trainer understands.
    _row(page, 1).get_by_label("Abbinamento").fill("Amministrazione")
    page.get_by_role("button", name="Salva bozza").click()
    page.get_by_text(str(PAIRS_DISTINCT)).wait_for()
    assert not Question.objects.exists()
    page.get_by_label("Abbinamento").nth(1).fill("Logistica")

    preview, solution = _preview(page)
    assert solution == [
        "Addebito non riconosciuto ↔ Amministrazione",
        "Pacco mai arrivato ↔ Logistica",
    ]
    # The learner picks each item's match from a list.
    assert preview.locator("form.quiz select").count() == 2
    assert "Logistica" in preview.locator("form.quiz select").first.inner_text()

    _save(page)
    question = Question.objects.get()
    assert [(o.text, o.match) for o in question.options.all()] == pairs[:2]
