"""A satisfaction survey as people meet it, with a mouse: the agent finishes
the course (certificate first, the survey never in the way), finds "Com'è
andato il corso?" on their home, answers by clicking, and the trainer reads the
chart in the admin."""

from certificates.models import Certificate
from courses.services import enrollment_create
from people import roles
from surveys.models import CourseSurvey, Survey, SurveyResponse
from tests.browser.a11y import assert_accessible
from tests.browser.quiz import quiz_taken_right
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_site, make_user


def test_agent_answers_the_survey_and_the_trainer_sees_the_chart(
    browser, page, live_server
):
    catalogue = make_site()
    course = make_course(catalogue, title="Accoglienza", modules=1)
    survey = Survey.objects.create(
        title="Com'è andata?",
        anonymous=True,
        questions=[
            {"type": "rating", "value": "Quanto ti è stato utile?"},
            {"type": "text", "value": "Che cosa miglioreresti?"},
        ],
    )
    CourseSurvey.objects.create(course=course, survey=survey)
    agent = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=agent, course=course)
    make_user("formatore@test.it", role=roles.TRAINER)

    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Inizia").click()
    page.get_by_role("button", name="Segna come completato").click()
    page.get_by_role("link", name="Inizia il quiz").click()
    quiz_taken_right(page)
    page.get_by_role("heading", name="Quiz superato").wait_for()
    # The certificate is issued before any answer.
    assert Certificate.objects.filter(course=course, status="valid").exists()

    page.get_by_role("link", name="La mia formazione").first.click()
    task = page.locator(".task").filter(has_text="Com'è andato il corso?")
    assert "Accoglienza" in task.inner_text()
    task.get_by_role("link", name="Rispondi").click()
    page.get_by_role("heading", name="Com'è andata?").wait_for()
    assert_accessible(page, where="survey form")
    question = page.get_by_role("group", name="Quanto ti è stato utile?")
    question.get_by_text("4", exact=True).click()
    page.get_by_label("Che cosa miglioreresti?").fill("Più esempi sulle chat")
    page.get_by_role("button", name="Invia le risposte").click()
    page.get_by_text("Grazie! La tua risposta è stata registrata.").wait_for()
    assert page.locator(".task").filter(has_text="Com'è andato il corso?").count() == 0
    answer = SurveyResponse.objects.get()
    # Answers are keyed by question block id; PostgreSQL's jsonb keeps no key
    # order, so look the rating up by its question rather than by position.
    rating_id = Survey.objects.get(pk=survey.pk).questions[0].id
    assert answer.user is None and answer.answers[rating_id] == 4

    trainer = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(trainer, "formatore@test.it")
    trainer.get_by_role("link", name="Amministrazione").first.click()
    sidebar = trainer.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Report").click()
    sidebar.get_by_role("link", name="Questionari di gradimento").click()
    trainer.get_by_role("heading", name="Quanto ti è stato utile?").wait_for()
    chart = trainer.locator("svg.survey-chart")
    assert chart.locator("rect[data-value='4']").get_attribute("data-count") == "1"
    assert int(chart.locator("rect[data-value='4']").get_attribute("width")) > 0
    assert chart.locator("rect[data-value='5']").get_attribute("width") == "0"
    assert "Media 4 su 5 (1 risposta)" in trainer.content()
    assert "Più esempi sulle chat" in trainer.content()
    assert "Giulia" not in trainer.locator("main").inner_text()
