"""The trainer tells a photo from a diagram in the module editor: the figure
block asks "Tipo", says what each choice does on a phone, shows a figure
written before the choice as a diagram, and keeps the trainer's answer; a
figure the trainer adds, choosing its image in the image chooser, keeps it
too."""

import re

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file_jpeg

from courses.models import ModulePage
from people import roles
from tests.browser.admin import open_page_editor
from tests.builders import make_course, make_module, make_site, make_user

HELP = (
    "Sul telefono una fotografia si adatta alla larghezza dello schermo; uno "
    "schema con testo resta alla sua grandezza, perché le scritte si leggano, e "
    "si scorre di lato."
)


def test_the_trainer_marks_a_figure_as_a_photo(page):
    photo = get_image_model().objects.create(
        title="Lo sportello",
        file=get_test_image_file_jpeg("sportello.jpg", size=(1600, 1000)),
    )
    course = make_course(make_site(), title="Accoglienza", modules=0)
    module = make_module(
        course,
        title="Lo sportello",
        body=[
            (
                "image",
                {
                    "image": {
                        "image": photo.pk,
                        "decorative": False,
                        "alt_text": "Un'agente allo sportello",
                    },
                    "caption": "L'accoglienza allo sportello.",
                },
            )
        ],
    )
    make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")

    open_page_editor(page, "formatore@test.it", module)

    kind = page.get_by_role("combobox", name=re.compile(r"^Tipo"))
    assert kind.input_value() == "diagram", "a figure written before is a diagram"
    options = kind.locator("option").all_inner_texts()
    assert [o.strip() for o in options] == ["Schema con testo", "Fotografia"]
    assert page.get_by_text(HELP).is_visible()
    kind.select_option(label="Fotografia")
    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    # The editor again, with the trainer's answer.
    assert page.get_by_role("combobox", name=re.compile(r"^Tipo")).input_value() == (
        "photo"
    )

    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    assert draft.body[0].value["kind"] == "photo"


def test_the_trainer_adds_a_photo_to_a_module(page):
    photo = get_image_model().objects.create(
        title="Sala d'attesa al mattino",
        file=get_test_image_file_jpeg("sala.jpg", size=(1600, 1000)),
    )
    course = make_course(make_site(), title="Accoglienza", modules=0)
    module = make_module(course, title="La sala d'attesa", slug="sala-attesa")
    make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")

    open_page_editor(page, "formatore@test.it", module)

    # A new block after the module's text: the figure.
    page.get_by_role("button", name="Inserisci un blocco").last.click()
    page.get_by_role("option", name=re.compile(r"^Immagine")).click()
    figure = page.locator("[data-contentpath='body'] [data-streamfield-child]").last
    figure.get_by_role("button", name="Scegli una immagine").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Sala d'attesa al mattino").click()
    modal.wait_for(state="hidden")
    figure.get_by_role("textbox", name=re.compile(r"^Testo alternativo")).fill(
        "Persone in attesa del loro turno"
    )
    figure.get_by_role("combobox", name=re.compile(r"^Tipo")).select_option(
        label="Fotografia"
    )
    with page.expect_navigation():
        page.locator("button.action-save").first.click()

    # The editor again, from the saved draft: the text, then the photo.
    figure = page.locator("[data-contentpath='body'] [data-streamfield-child]").last
    assert figure.get_by_text("Sala d'attesa al mattino").first.is_visible()
    assert figure.get_by_role("combobox", name=re.compile(r"^Tipo")).input_value() == (
        "photo"
    )
    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph", "image"]
    assert draft.body[1].value["kind"] == "photo"
    assert draft.body[1].value["image"].pk == photo.pk
