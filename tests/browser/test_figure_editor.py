"""The trainer tells a photo from a diagram in the module editor: the figure
block asks "Tipo", says what each choice does on a phone, shows a figure
written before the choice as a diagram, and keeps the trainer's answer."""

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
