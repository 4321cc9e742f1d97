"""Item analysis against a seeded set of attempts computed by hand, and the
CSV export."""

import csv
import io
import re

import pytest

from courses.services import enrollment_create
from quizzes.analysis import quiz_analysis
from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from tests.builders import make_course, make_quiz, make_user, right_response

# Right (1) or wrong (0) per question Q1..Q5, one row per learner.
SEED = {
    "a@test.it": [1, 1, 1, 1, 0],  # 80 %  top group (27 % of 4 → 1 attempt)
    "b@test.it": [1, 1, 1, 0, 0],  # 60 %
    "c@test.it": [1, 1, 0, 0, 1],  # 60 %
    "d@test.it": [1, 0, 0, 0, 1],  # 40 %  bottom group
}
# Hand-computed: facility = rights / 4; discrimination = top − bottom.
EXPECTED = [
    # facility, discrimination, flags
    (1.00, 0.0, ["troppo facile"]),
    (0.75, 1.0, []),
    (0.50, 1.0, []),
    (0.25, 1.0, ["troppo difficile"]),
    (0.50, -1.0, ["discriminazione negativa"]),
]


@pytest.fixture
def seeded(catalogue):
    quiz = make_quiz(
        pass_mark=60,
        questions=[
            (f"=SOMMA({n};2)?", "single", [("Giusta", True), ("Sbagliata", False)])
            for n in range(1, 6)
        ],
    )
    course = make_course(catalogue, title="Analisi", modules=0, quiz=quiz)
    for email, rights in SEED.items():
        user = make_user(email, first_name="@Marta")
        enrollment_create(user=user, course=course)
        attempt = attempt_start(user=user, quiz=quiz, course=course)
        responses = {}
        for answer, right in zip(
            attempt.answers.order_by("position"), rights, strict=True
        ):
            [(_, keys)] = right_response(answer, right=bool(right)).items()
            responses[answer.position] = keys
        attempt_submit(attempt=attempt, responses=responses)
    # An attempt still open is not part of the figures.
    late = make_user("e@test.it")
    enrollment_create(user=late, course=course)
    attempt_start(user=late, quiz=quiz, course=course)
    return quiz


def test_item_analysis_matches_the_hand_computed_figures(seeded):
    analysis = quiz_analysis(quiz=seeded)
    assert analysis.attempts == 4 and analysis.passed == 3
    assert analysis.pass_rate == 0.75
    assert analysis.group_size == 1
    assert dict(analysis.distribution) == {
        "0–9%": 0,
        "10–19%": 0,
        "20–29%": 0,
        "30–39%": 0,
        "40–49%": 1,
        "50–59%": 0,
        "60–69%": 2,
        "70–79%": 0,
        "80–89%": 1,
        "90–100%": 0,
    }
    assert len(analysis.questions) == 5
    for stats, (facility, discrimination, flags) in zip(
        analysis.questions, EXPECTED, strict=True
    ):
        assert stats.shown == 4
        assert stats.facility == pytest.approx(facility)
        assert stats.discrimination == pytest.approx(discrimination)
        assert stats.flags == flags
    first, last = analysis.questions[0], analysis.questions[-1]
    assert [(o.text, o.chosen) for o in first.option_list] == [
        ("Giusta", 4),
        ("Sbagliata", 0),
    ]
    assert [(o.text, o.chosen) for o in last.option_list] == [
        ("Giusta", 2),
        ("Sbagliata", 2),
    ]


def test_trainer_sees_the_analysis_page_learner_does_not(
    seeded, login, trainer, learner, django_assert_max_num_queries
):
    client = login(trainer)
    listing = client.get("/admin/snippets/quizzes/quiz/").content.decode()
    assert f"/admin/quiz/{seeded.pk}/analisi/" in listing
    with django_assert_max_num_queries(25):
        page = client.get(f"/admin/quiz/{seeded.pk}/analisi/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "troppo facile" in body and "discriminazione negativa" in body
    assert "-1,00" in body or "-1.00" in body or "−1,00" in body
    client = login(learner)
    assert client.get(f"/admin/quiz/{seeded.pk}/analisi/").status_code in (302, 403)
    assert client.get(f"/admin/quiz/{seeded.pk}/analisi.csv").status_code in (
        302,
        403,
    )


def _csv(client, quiz):
    response = client.get(f"/admin/quiz/{quiz.pk}/analisi.csv")
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_streams_every_answer_with_safe_cells(seeded, login, trainer):
    rows = _csv(login(trainer), seeded)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["tentativo", "discente", "e-mail", "persona"]
    assert len(body) == 5 * 5  # four graded attempts and the open one
    # Trainers analyse questions, not people: no names or e-mails.
    assert {row[2] for row in body} == {""} and {row[3] for row in body} == {""}
    assert len({row[1] for row in body}) == 5
    assert {row[13] for row in body} == {f"'=SOMMA({n};2)?" for n in range(1, 6)}
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row
    )
    graded = [row for row in body if row[7] == "Valutato"]
    assert {row[15] for row in graded} == {"Giusta", "Sbagliata"}
    assert Attempt.objects.count() == 5


def test_csv_names_people_for_those_who_may_see_them(seeded, login, trainer):
    from django.contrib.auth.models import Permission

    trainer.user_permissions.add(
        Permission.objects.get(codename="view_user", content_type__app_label="people")
    )
    body = _csv(login(trainer), seeded)[1:]
    assert "'@Marta Bianchi" in {row[3] for row in body}
    assert "a@test.it" in {row[2] for row in body}


def test_the_export_button_carries_its_icon(seeded, login, trainer):
    """The button is styled for an icon on its left ("bicolor button--icon"):
    without one its words stand off-centre beside an empty slot."""
    body = login(trainer).get(f"/admin/quiz/{seeded.pk}/analisi/").content.decode()
    button = re.search(r'<a class="button bicolor[^"]*"[^>]*>(.*?)</a>', body, re.S)
    assert '<span class="icon-wrapper">' in button.group(1)
    assert "icon-download" in button.group(1)
