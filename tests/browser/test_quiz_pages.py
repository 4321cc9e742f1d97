"""A long quiz, as a learner meets it with a mouse: pages of questions, a
navigator that says which are answered and never hands the quiz in, a counter
that follows the answers, and a timer that stays in sight and warns once."""

from courses.selectors import course_modules
from courses.services import enrollment_create, module_complete
from people import roles
from quizzes.models import Attempt
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_quiz, make_site, make_user


def test_a_long_quiz_in_pages_with_navigator_counter_and_timer(page, settings):
    settings.LMS_QUIZ_QUESTIONS_PER_PAGE = 5
    questions = [
        (f"Domanda numero {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
        for n in range(1, 13)
    ]
    quiz = make_quiz(questions=questions, time_limit_minutes=5, shuffle_questions=False)
    course = make_course(make_site(), title="Qualità", modules=1, quiz=quiz)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    module_complete(user=learner, module=course_modules(course=course)[0])

    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Qualità", exact=True).click()
    page.get_by_role("link", name="Inizia il quiz").first.click()
    page.get_by_role("button", name="Inizia il quiz").click()

    nav = page.get_by_role("navigation", name="Domande del quiz")
    nav.wait_for()
    assert nav.get_by_role("button").count() == 12
    assert page.locator("fieldset.question").count() == 5
    assert "Pagina 1 di 3" in page.content()
    count = nav.locator(".quiz-nav__count")
    assert count.inner_text() == "Risposte date: 0 su 12"
    # Only the last page hands the quiz in.
    assert page.get_by_role("button", name="Consegna il quiz").count() == 0

    # An answer on this page: the counter and the navigator follow at once.
    page.locator("#domanda-2").get_by_label("Giusta").check()
    assert count.inner_text() == "Risposte date: 1 su 12"
    assert "quiz-nav__item--answered" in nav.locator(
        "[data-position='2']"
    ).get_attribute("class")

    # The timer is in sight at the bottom of the page too, and warned once.
    page.mouse.wheel(0, 5000)
    timer = page.locator(".quiz-timer")
    box = timer.bounding_box()
    assert box is not None and -1 <= box["y"] <= 5, box
    alert = page.locator(".quiz-timer__alert")
    assert alert.inner_text() == "Restano 5 minuti."

    # Jumping to question 11 saves this page and opens the third, not the result.
    nav.get_by_role("button", name="Domanda 11").click()
    page.wait_for_url("**?domanda=3")
    assert "Pagina 3 di 3" in page.content()
    assert page.locator("fieldset.question").count() == 2
    attempt = Attempt.objects.get(user=learner)
    assert attempt.state in Attempt.OPEN_STATES
    assert attempt.answers.get(position=2).is_answered
    assert nav.locator(".quiz-nav__count").inner_text() == "Risposte date: 1 su 12"
    page.get_by_role("button", name="Consegna il quiz").wait_for()

    # Back to the first page with "Pagina precedente": the answer is there.
    page.get_by_role("button", name="Pagina precedente").click()
    page.get_by_role("button", name="Pagina precedente").click()
    assert page.locator("#domanda-2").get_by_label("Giusta").is_checked()


def test_a_question_left_blank_is_asked_about_before_the_quiz_is_handed_in(
    page, settings
):
    settings.LMS_QUIZ_QUESTIONS_PER_PAGE = 3
    questions = [
        (f"Domanda numero {n}?", "single", [("Giusta", True), ("Sbagliata", False)])
        for n in range(1, 7)
    ]
    quiz = make_quiz(questions=questions, max_attempts=3)
    course = make_course(make_site(), title="Qualità", modules=0, quiz=quiz)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    sign_in_to_home(page, "agente@test.it")
    page.locator(".course-card").get_by_role("link", name="Qualità", exact=True).click()
    page.get_by_role("link", name="Inizia il quiz").first.click()
    page.get_by_role("button", name="Inizia il quiz").click()
    # Page 1 all answered but question 2; page 2 all answered.
    for n in (1, 3):
        page.locator(f"#domanda-{n}").get_by_label("Giusta").check()
    page.get_by_role("button", name="Pagina successiva").click()
    for n in (4, 5, 6):
        page.locator(f"#domanda-{n}").get_by_label("Giusta").check()
    page.get_by_role("button", name="Consegna il quiz").click()

    # Asked, not graded: the blank question is named and linked.
    page.get_by_role(
        "heading", name="Hai lasciato 1 domanda senza risposta:"
    ).wait_for()
    attempt = Attempt.objects.get(user=learner)
    assert attempt.is_open
    assert page.locator("#domanda-6").get_by_label("Giusta").is_checked()
    # "Torna a rispondere" opens the page of the blank question.
    page.get_by_role("button", name="Torna a rispondere").click()
    page.wait_for_url("**?domanda=1")
    assert not page.locator("#domanda-2").get_by_label("Giusta").is_checked()
    assert page.locator("#domanda-1").get_by_label("Giusta").is_checked()

    # Still blank: handed in again, asked again, and "Consegna comunque" grades.
    page.get_by_role("button", name="Pagina successiva").click()
    page.get_by_role("button", name="Consegna il quiz").click()
    page.get_by_role("link", name="Domanda 2").wait_for()
    page.get_by_role("button", name="Consegna comunque").click()
    page.get_by_role("heading", name="Quiz superato").wait_for()
    attempt.refresh_from_db()
    assert attempt.passed and round(attempt.score) == 83  # five of six
