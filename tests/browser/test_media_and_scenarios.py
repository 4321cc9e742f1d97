"""What a learner does with the new blocks, with the mouse: plays a call,
walks a scenario along a good and a bad path without a reload, and answers a
scenario question in the final quiz."""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from courses.models import ScenarioRun
from courses.services import enrollment_create
from people import roles
from quizzes.models import Attempt, Question
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_module, make_quiz, make_site, make_user
from tests.builders import scenario as scenario_value

CALL = Path(__file__).resolve().parents[2] / "demo/data/media/canone-apertura.mp3"


def _wait(page, condition, seconds=10):
    for _ in range(seconds * 10):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page never got there")


def _learner_in(course):
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    return learner


def test_a_call_plays_and_reports_its_duration(page):
    document = get_document_model()(title="Il canone")
    document.file.save("canone.mp3", ContentFile(CALL.read_bytes()), save=False)
    document._set_document_file_metadata()
    document.save()
    course = make_course(make_site(), title="Ascolto", modules=0)
    module = make_module(
        course,
        title="Una telefonata",
        body=[
            (
                "audio",
                {
                    "title": "Il canone",
                    "audio": document.pk,
                    "transcript": "Cliente: Devo pagare un canone per usare l'app?",
                },
            )
        ],
    )
    _learner_in(course)
    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.wait_for_url(f"**{module.url}")
    player = page.locator("audio.block-audio__player")
    player.scroll_into_view_if_needed()
    # The page's CSP forbids eval, so no wait_for_function: poll from here.
    _wait(page, lambda: player.evaluate("audio => audio.readyState") >= 1)
    duration = player.evaluate("audio => audio.duration")
    assert 3 < duration < 10  # the synthesised line lasts about five seconds
    # The play button is the control's first, on its left.
    box = player.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)
    _wait(page, lambda: player.evaluate("audio => audio.currentTime") > 0.3)
    assert player.evaluate("audio => audio.paused") is False
    assert page.get_by_text("Devo pagare un canone per usare l'app?").is_visible()


def test_a_scenario_walked_along_a_good_and_a_bad_path(page):
    course = make_course(make_site(), title="Scenari", modules=0)
    module = make_module(
        course, title="Il corriere", body=[("scenario", scenario_value())]
    )
    _learner_in(course)
    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.wait_for_url(f"**{module.url}")
    page.evaluate("window.notReloaded = true")
    scenario = page.locator("section.scenario-block")

    scenario.get_by_role("button", name="Mi dispiace, rimedio subito.").click()
    scenario.get_by_text("Commento su «Mi dispiace, rimedio subito.».").wait_for()
    assert scenario.get_by_text(
        "Reazione a «Mi dispiace, rimedio subito.»."
    ).is_visible()
    scenario.get_by_role(
        "button", name="Scelga lei il giorno; la chiamano prima."
    ).click()
    scenario.get_by_text("Esito: Ottimo").wait_for()

    scenario.get_by_role("button", name="Ricomincia lo scenario").click()
    scenario.get_by_role("button", name="Deve chiamare il corriere.").click()
    scenario.get_by_text("Esito: Da evitare").wait_for()
    assert scenario.get_by_text(
        "Commento su «Deve chiamare il corriere.»."
    ).is_visible()
    assert page.evaluate("window.notReloaded") is True
    runs = ScenarioRun.objects.order_by("pk")
    assert [(run.path, run.ending) for run in runs] == [
        ([["inizio", 1], ["proposta", 0]], "ottimo"),
        ([["inizio", 0]], "da_evitare"),
    ]


def test_a_scenario_question_answered_in_the_quiz(page):
    question = Question(
        text="Conduci la conversazione con la cliente.", kind="branching"
    )
    question.branching = [{"type": "scenario", "value": scenario_value()}]
    question.save()
    quiz = make_quiz(questions=[question], pass_mark=100)
    course = make_course(make_site(), title="Quiz", modules=0, quiz=quiz)
    _learner_in(course)
    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Quiz", exact=True).click()
    page.get_by_role("link", name="Inizia il quiz").click()
    page.get_by_role("button", name="Inizia il quiz").click()
    question_box = page.locator("fieldset.question--branching")
    question_box.get_by_text("Nessuno mi ha chiamato. E adesso?").wait_for()
    page.evaluate("window.notReloaded = true")

    question_box.get_by_role("button", name="Mi dispiace, rimedio subito.").click()
    question_box = page.locator("fieldset.question--branching")
    question_box.get_by_text("Quando?").wait_for()
    question_box.get_by_role(
        "button", name="Scelga lei il giorno; la chiamano prima."
    ).click()
    page.get_by_text("La conversazione è conclusa.").wait_for()
    assert page.evaluate("window.notReloaded") is True

    page.get_by_role("button", name="Consegna il quiz").click()
    page.get_by_role("heading", name="Quiz superato").wait_for()
    attempt = Attempt.objects.get()
    assert attempt.passed and attempt.score == 100
