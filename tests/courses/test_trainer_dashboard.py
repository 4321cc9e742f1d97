"""The trainer's admin dashboard: their drafts, and for each published course
its enrolments, completions, average score and hardest questions."""

import re

from courses.selectors import course_modules
from courses.services import enrollment_create
from quizzes.services import attempt_start, attempt_submit
from tests.builders import (
    make_course,
    make_user,
    module_form,
    pass_course,
    right_response,
)

# The whole admin home as the trainer sees it, Wagtail's own panels included;
# one query per governed snippet model (quiz, question, two templates) for drafts;
# Wagtail's own panels grew by one with the merged admin additions.
# +1: the observation step (courses.completion_requirements).
# +1: certifications are governed too (their drafts, like the quiz's).
DASHBOARD_QUERIES = 40


def take_final_quiz(user, course, wrong=()):
    """Enrol and submit the final quiz, wrong on the questions named."""
    enrollment_create(user=user, course=course)
    attempt = attempt_start(user=user, quiz=course.quiz, course=course)
    responses = {}
    for answer in attempt.answers.order_by("position"):
        right = answer.question_text not in wrong
        [(_name, value)] = right_response(answer, right=right).items()
        responses[answer.position] = value
    return attempt_submit(attempt=attempt, responses=responses)


def panel(page: str, heading: str) -> str:
    """The text of the dashboard panel with this heading."""
    start = page.index(heading)
    html = page[start : page.index("</section>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def seed(catalogue, course, trainer, client, n=1):
    """A course going as in the test below, plus `n - 1` more like it, and the
    trainer's drafts: one per course, and one change sent for review."""
    courses = [course] + [
        make_course(catalogue, title=f"Corso {k}", modules=1) for k in range(2, n + 1)
    ]
    for k, each in enumerate(courses):
        tag = each.pk
        pass_course(make_user(f"a{tag}@test.it"), each)
        take_final_quiz(
            make_user(f"b{tag}@test.it"), each, {"Domanda 4?", "Domanda 5?"}
        )
        take_final_quiz(make_user(f"c{tag}@test.it"), each, {"Domanda 4?"})
        client.post(
            f"/admin/pages/add/courses/modulepage/{each.pk}/",
            module_form(f"Bozza {k}", f"bozza-{k}", ""),
        )
    return courses


def test_the_trainer_sees_drafts_and_how_each_published_course_goes(
    login, trainer, hr, catalogue, course
):
    client = login(trainer)
    seed(catalogue, course, trainer, client)
    in_review = course_modules(course=course)[0]
    client.post(
        f"/admin/pages/{in_review.pk}/edit/",
        module_form("Versione in revisione", in_review.slug, "action-submit"),
    )
    make_course(catalogue, title="Appena pubblicato", modules=1)
    hidden = make_course(catalogue, title="Ritirato", modules=1)
    hidden.unpublish()

    page = client.get("/admin/").content.decode()

    drafts = panel(page, "Le tue bozze")
    assert "Bozza 0" in drafts and "Modulo" in drafts
    # What awaits review is on Wagtail's own panel, not repeated here.
    assert "Versione in revisione" not in drafts
    assert "Versione in revisione" in panel(
        page, "Le tue pagine e snippet in un flusso di lavoro"
    )

    courses = panel(page, "I corsi pubblicati")
    assert "Ritirato" not in courses
    row = courses[
        courses.index("Fondamenti del servizio") : courses.index("Appena pubblicato")
    ]
    # Three enrolled, one certified (the one who passed without the modules
    # has not completed the course); (100 + 60 + 80) / 3.
    assert re.search(r"Fondamenti del servizio 3 1 80% su 3 tentativi", row), row
    hardest = re.findall(r"(Domanda \d\?) \(giusta nel (\d+)%\)", row)
    # Only the questions somebody got wrong: the others are not hard.
    assert hardest == [("Domanda 4?", "33"), ("Domanda 5?", "67")]
    assert "Analisi delle domande" in row
    assert re.search(
        r"Appena pubblicato 0 0 — Ancora nessun tentativo valutato", courses
    ), courses

    # HR manages people, not content: no such panel.
    page = login(hr).get("/admin/").content.decode()
    assert "I corsi pubblicati" not in page and "Le tue bozze" not in page


def test_a_quiz_nobody_got_wrong_names_no_hardest_question(login, trainer, course):
    """With every answer right so far, no question is "hard": the panel says
    so instead of listing questions at 100 %."""
    pass_course(make_user("tutto@test.it"), course)
    take_final_quiz(make_user("giusto@test.it"), course)

    courses = panel(
        login(trainer).get("/admin/").content.decode(), "I corsi pubblicati"
    )

    assert "giusta nel" not in courses
    assert "Finora nessuno ha sbagliato una domanda." in courses
    assert "Analisi delle domande" in courses


def test_the_dashboard_costs_the_same_queries_whatever_the_size(
    login, trainer, catalogue, course, django_assert_max_num_queries
):
    client = login(trainer)
    seed(catalogue, course, trainer, client)
    client.get("/admin/")  # Wagtail's per-process caches (content types, sites)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        client.get("/admin/")

    more = make_course(catalogue, title="Secondo", modules=1, slug="secondo")
    seed(catalogue, more, trainer, client, n=4)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get("/admin/")
    assert response.content.decode().count("giusta nel") == 2 * 5
