"""The question editor, as a trainer uses it with a mouse: the form shows only
the fields of the chosen type, names each option for what it is, and the
preview shows the question as a learner meets it."""

from people import roles
from tests.browser.test_trainer_review_journey import _log_in
from tests.builders import make_site, make_user


def _visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_the_form_follows_the_question_type(page, login):
    make_site()
    make_user("formatore@test.it", role=roles.TRAINER)
    _log_in(page, "formatore@test.it")
    page.get_by_role("link", name="Amministrazione").first.click()
    page.get_by_role("button", name="Quiz").first.click()
    page.get_by_role("link", name="Banca domande").click()
    page.get_by_role("link", name="Aggiungi domanda").first.click()
    page.locator("#id_kind").wait_for()
    page.get_by_role("button", name="Aggiungi opzioni").click()

    # Single choice: "correct" and the comment, no pairs, no scenario.
    assert _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='is_correct']"
    )
    assert not _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='match']"
    )
    assert not _visible(page, "#panel-scenario_con_il_cliente-section")
    assert not _visible(page, "#panel-branching-section")

    # Matching: pairs, no "correct"; each option is an item to match.
    page.locator("#id_kind").select_option("matching")
    assert _visible(page, "[id^='inline_child_options-0'] [data-contentpath='match']")
    assert not _visible(
        page, "[id^='inline_child_options-0'] [data-contentpath='is_correct']"
    )
    label = page.locator("label[for='id_options-0-text']")
    assert "Elemento da abbinare" in label.inner_text()
    # An option added now follows the type too.
    page.get_by_role("button", name="Aggiungi opzioni").click()
    assert not _visible(
        page, "[id^='inline_child_options-1'] [data-contentpath='is_correct']"
    )

    # A customer scenario shows its situation; a branching one its graph and
    # no options at all.
    page.locator("#id_kind").select_option("scenario")
    assert _visible(page, "#panel-scenario_con_il_cliente-section")
    page.locator("#id_kind").select_option("branching")
    assert _visible(page, "#panel-branching-section")
    assert not _visible(page, "#panel-opzioni-section")
