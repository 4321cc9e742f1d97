"""The learner on a 390 px phone: the header folds its menu behind a button,
no page scrolls sideways, a module's diagram and tables stay readable, and a
photo fits the screen."""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file_jpeg

from courses.services import enrollment_create
from people import roles
from tests.browser.a11y import assert_accessible, assert_fits
from tests.browser.menu import PHONE, assert_keyboard_folds, go_to
from tests.browser.sign_in import sign_in_to_home
from tests.builders import (
    make_course,
    make_module,
    make_quiz,
    make_site,
    make_user,
    notify,
    pass_course,
)
from tests.classroom.builders import make_session
from tests.observations.builders import make_checklist, observe

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "demo" / "data" / "media"
# The demo's six-parameters matrix: 1200 units wide, its smallest words 17 units.
DIAGRAM = "sei-parametri.svg"
DIAGRAM_WIDTH, DIAGRAM_SMALLEST_TEXT = 1200, 17
READABLE_PX = 12

TABLE = {
    "caption": "Che cosa significa ogni parametro, canale per canale",
    "columns": [
        {"type": "text", "heading": heading}
        for heading in (
            "Parametro",
            "Di persona",
            "Al telefono",
            "In chat",
            "Per e-mail",
        )
    ],
    "rows": [
        {
            "values": [
                "Rapidità e tempi",
                "Saluti subito chi entra, anche se sei occupato.",
                "Rispondi in pochi squilli; se serve attesa, la annunci.",
                "Prima risposta entro un minuto.",
                "Risposta entro 24 ore, anche solo per dire quando.",
            ]
        },
        {
            "values": [
                "Sicurezza",
                "Chiedi un documento prima di consegnare qualcosa.",
                "Verifichi l'identità prima di dare o cambiare dati.",
                "Non chiedi mai password, PIN o codici di accesso.",
                "Niente dati sensibili in chiaro.",
            ]
        },
    ],
}


def _diagram():
    return get_image_model().objects.create(
        title="I sei parametri",
        file=ContentFile((DEMO_MEDIA / DIAGRAM).read_bytes(), DIAGRAM),
    )


def _figure(image) -> dict:
    """The diagram as a figure written before figures had a kind: shown as
    a diagram."""
    return {
        "image": {
            "image": image.pk,
            "decorative": False,
            "alt_text": "I sei parametri, canale per canale",
        },
        "caption": "I sei parametri, canale per canale.",
    }


def _photo_figure() -> dict:
    """A photo 1600 px wide (its rendition 960 px), marked as a photo."""
    photo = get_image_model().objects.create(
        title="Lo sportello",
        file=get_test_image_file_jpeg("sportello.jpg", size=(1600, 1000)),
    )
    return {
        "image": {
            "image": photo.pk,
            "decorative": False,
            "alt_text": "Un'agente allo sportello accoglie una cliente",
        },
        "kind": "photo",
        "caption": "L'accoglienza allo sportello.",
    }


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def _open_module_on_phone(page, course, *, where: str) -> None:
    """An agent enrolled in `course` signs in on a phone and taps "Inizia" on
    its card; the module opens and nothing on it scrolls sideways."""
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    page.set_viewport_size(PHONE)
    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.get_by_role("button", name="Segna come completato").wait_for()
    assert_fits(page, where=where)


def test_a_learner_opens_the_folded_menu_with_a_tap(page, browser, live_server):
    make_site()
    learner = make_user("agente@test.it", role=roles.LEARNER)
    notify(learner, n=2)
    page.set_viewport_size(PHONE)
    sign_in_to_home(page, "agente@test.it")

    # Folded: the bar is brand, unread notices and the button, nothing more.
    assert _header_height(page) < 0.2 * PHONE["height"]
    button = page.get_by_role("button", name="Menu", exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    menu = page.locator("#" + button.get_attribute("aria-controls"))
    assert not menu.is_visible()
    sessions = page.get_by_role("link", name="Le mie sessioni")
    assert not sessions.is_visible()
    notices = page.get_by_role("link", name="Notifiche 2 da leggere")
    assert notices.is_visible()
    assert notices.bounding_box()["y"] < _header_height(page)
    assert_accessible(page, where="the folded header")

    # A tap opens it; a link in it leads to its page.
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert_accessible(page, where="the open menu")
    assert_fits(page, where="the open menu")
    sessions.click()
    page.get_by_role("heading", name="Le mie sessioni").wait_for()
    assert page.url.endswith("/sessioni/")
    # The new page starts folded again.
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == (
        "false"
    )

    button = assert_keyboard_folds(page)

    # On a wide screen the links are in the header and there is no button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.get_by_role("link", name="Catalogo").is_visible()
    assert not button.is_visible()
    # The nav's own link counts the unread notices; the bar's one is gone.
    assert page.locator(".site-bar-notices").is_hidden()

    # Without JavaScript nothing is folded away: every link is reachable.
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    plain = context.new_page()
    plain.goto("/corsi/")
    assert plain.get_by_role("link", name="Verifica certificato").is_visible()
    assert not plain.get_by_role("button", name="Menu").is_visible()
    context.close()


def test_no_learner_page_scrolls_sideways_on_a_phone(page):
    catalogue = make_site()
    quiz = make_quiz(
        questions=[
            (
                "Quale parametro conta di più al telefono?",
                "single",
                [
                    ("Rapidità e tempi, con l'attesa sempre annunciata", True),
                    ("L'aspetto", False),
                ],
            ),
            (
                "Abbina ogni canale al suo tempo di risposta.",
                "matching",
                [
                    (
                        "Telefono",
                        True,
                        "Entro tre squilli, senza attese non annunciate",
                    ),
                    (
                        "E-mail",
                        True,
                        "Entro ventiquattro ore lavorative dalla ricezione",
                    ),
                ],
            ),
            (
                "Metti in ordine i passi della chiamata.",
                "ordering",
                [
                    ("Saluta e presentati con il nome dell'azienda", True),
                    ("Verifica l'identità prima di parlare dei dati", True),
                    ("Riassumi e concorda il prossimo passo", True),
                ],
            ),
        ]
    )
    course = make_course(catalogue, title="Standard di servizio", modules=0, quiz=quiz)
    make_module(
        course,
        title="I sei parametri",
        body=[("image", _figure(_diagram())), ("table", TABLE)],
    )
    other = make_course(catalogue, title="Reclami", modules=1)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    pass_course(learner, other)
    enrollment_create(user=learner, course=course)
    make_session(other, trainer, title="Prove al banco con i clienti difficili")
    observe(trainer, learner, make_checklist("Sportello"))
    notify(learner, n=1)

    page.set_viewport_size(PHONE)
    sign_in_to_home(page, "agente@test.it")
    assert_fits(page, where="home")

    for link in ("Catalogo", "Le mie sessioni", "Notifiche", "Osservazioni"):
        go_to(page, link)
        assert_fits(page, where=link)
    page.locator(".card__title").get_by_role("link").first.click()
    page.get_by_role("heading", name="Prendi visione").wait_for()
    assert_fits(page, where="an observation")

    page.get_by_role("button", name="Menu", exact=True).click()
    page.get_by_role("link", name="il mio account").click()
    page.get_by_role("heading", name="Il mio account").wait_for()
    assert_fits(page, where="my account")

    go_to(page, "La mia formazione")
    page.get_by_role("link", name="Open Badge e LinkedIn").first.click()
    page.get_by_text("Certificato valido").wait_for()
    assert_fits(page, where="the certificate")

    go_to(page, "La mia formazione")
    page.locator(".course-card").filter(has_text="Standard di servizio").get_by_role(
        "link", name="Inizia"
    ).click()
    page.get_by_role("button", name="Segna come completato").wait_for()
    assert_fits(page, where="the module with a diagram and a table")
    page.get_by_role("button", name="Segna come completato").click()
    page.get_by_role("link", name="Inizia il quiz").first.click()
    page.get_by_role("button", name="Inizia il quiz").click()
    page.get_by_role("button", name="Consegna il quiz").wait_for()
    assert_fits(page, where="the quiz")
    page.get_by_role("button", name="Consegna il quiz").click()
    confirm = page.get_by_role("button", name="Consegna comunque")
    if confirm.count():
        confirm.click()
    page.get_by_role("heading", name="Quiz non superato").wait_for()
    assert_fits(page, where="the result")


def test_a_module_diagram_and_table_stay_readable_on_a_phone(page):
    course = make_course(make_site(), title="Standard di servizio", modules=0)
    make_module(
        course,
        title="I sei parametri",
        body=[("image", _figure(_diagram())), ("table", TABLE)],
    )
    _open_module_on_phone(page, course, where="the module")

    # The diagram keeps a size its smallest words can be read at, and scrolls.
    figure = page.get_by_role("img", name="I sei parametri, canale per canale")
    width = figure.bounding_box()["width"]
    smallest = DIAGRAM_SMALLEST_TEXT * width / DIAGRAM_WIDTH
    assert smallest >= READABLE_PX, f"the diagram's words are {smallest:.1f}px"
    frame = page.get_by_role("region", name="I sei parametri, canale per canale.")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    assert page.get_by_text("Scorri di lato per vedere tutta la figura.").is_visible()
    assert_accessible(page, where="the module on a phone")

    # The table's rows stack: each cell shows its column's heading, nothing is cut.
    table = page.locator(".block-table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    cell = page.get_by_role("cell", name="Non chiedi mai password")
    assert cell.is_visible()
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"In chat"'
    assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= PHONE["width"]

    # A tap opens the diagram alone, at full size, for the phone's zoom.
    page.get_by_role("link", name="Apri l'immagine a grandezza intera").click()
    page.wait_for_load_state()
    assert page.url.endswith(".svg")
    assert page.evaluate("document.documentElement.localName") == "svg"


def test_a_photo_fits_the_phone_while_a_diagram_keeps_its_size(page):
    course = make_course(make_site(), title="Accoglienza", modules=0)
    make_module(
        course,
        title="Lo sportello",
        body=[("image", _photo_figure()), ("image", _figure(_diagram()))],
    )
    _open_module_on_phone(page, course, where="the module with a photo and a diagram")

    # The photo is shrunk to the screen: all of it is seen without scrolling.
    photo = page.get_by_role("img", name="Un'agente allo sportello")
    photo.scroll_into_view_if_needed()
    box = photo.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    assert box["width"] > PHONE["width"] / 2, "the photo fills the column"
    # And the phone fetched the rendition its width needs, not the 960 px one.
    chosen = photo.evaluate(
        "img => img.srcset.split(',').map(s => s.trim().split(' '))"
        ".find(([url]) => new URL(url, location).href === img.currentSrc)?.[1]"
        " ?? img.currentSrc"
    )
    assert chosen == "480w"
    figure = page.locator("figure").filter(has=photo)
    assert figure.evaluate(
        "f => [...f.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth)"
    )
    assert page.get_by_role("region", name="L'accoglienza allo sportello.").count() == 0
    assert not figure.get_by_text("Scorri di lato").is_visible()

    # The diagram beside it keeps its size and scrolls in its frame.
    diagram = page.get_by_role("img", name="I sei parametri, canale per canale")
    assert diagram.bounding_box()["width"] > PHONE["width"]
    frame = page.get_by_role("region", name="I sei parametri, canale per canale.")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    assert page.get_by_text("Scorri di lato per vedere tutta la figura.").is_visible()
    assert_accessible(page, where="a photo and a diagram on a phone")
