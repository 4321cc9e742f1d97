"""HR's figures never contradict each other: a person who did anything for a
course (an observation, a session attended, a quiz attempt) is "In corso" on
the compliance dashboard, on the training status page, in the dashboard's
export, on the transcript, in the API and on the team leader's view alike.
(The hours of a deactivated person: `test_hours`.)"""

import csv
import datetime
import io

import pytest

from classroom.models import Attendance
from classroom.services import attendance_record, session_book
from courses.models import Enrollment
from courses.services import enrollment_create
from people import roles
from tests.builders import make_certification, make_course, make_user, start_quiz
from tests.classroom.builders import make_session
from tests.observations.builders import make_checklist, observe, require_observation

DUE = datetime.date(2026, 6, 30)


def _row(page: str, marker: str) -> str:
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


@pytest.fixture
def enrolled(catalogue, commit, travel):
    """An agent assigned the onboarding course of a certification required of
    every learner, with a team leader, and nothing done yet."""
    travel(datetime.date(2026, 3, 2))
    leader = make_user(
        "capo@test.it", role=roles.LEARNER, first_name="Carla", last_name="Capo"
    )
    agent = make_user(
        "agente@test.it",
        role=roles.LEARNER,
        first_name="Anna",
        last_name="Ricci",
        employee_id="A1",
        manager=leader,
    )
    course = make_course(catalogue, title="Accoglienza", modules=2)
    make_certification(course, name="Standard di accoglienza")
    with commit():
        enrollment_create(
            user=agent, course=course, source=Enrollment.Source.MANUAL, due_date=DUE
        )
    return leader, agent, course


def _observation_passed(leader, agent, course, **_):
    require_observation(course)
    observe(leader, agent, make_checklist(), level=3)


def _observation_failed(leader, agent, course, **_):
    require_observation(course)
    observe(leader, agent, make_checklist(), level=1)


def _session_attended(leader, agent, course, trainer, travel, **_):
    session = make_session(course, trainer, days=1)
    session_book(user=agent, session=session)
    travel(datetime.date(2026, 3, 4))
    attendance_record(
        session=session,
        recorded_by=trainer,
        rows={agent.pk: (Attendance.Status.PRESENT, None)},
    )


def _quiz_attempt(leader, agent, course, login, **_):
    for module in course.get_children():
        module.unpublish()
    assert start_quiz(login(agent), course).status_code == 302


@pytest.mark.parametrize(
    "activity",
    [_observation_passed, _observation_failed, _session_attended, _quiz_attempt],
    ids=["observation-passed", "observation-failed", "session", "quiz-attempt"],
)
def test_a_started_course_reads_in_progress_everywhere(
    activity, enrolled, login, hr, trainer, commit, travel
):
    leader, agent, course = enrolled
    with commit():
        activity(leader, agent, course, trainer=trainer, travel=travel, login=login)

    web = login(hr)
    dashboard = _row(web.get("/hr/conformita/").content.decode(), "Anna Ricci")
    status = _row(web.get("/hr/stato-formazione/").content.decode(), "Anna Ricci")
    for row in (dashboard, status):
        assert "In corso" in row and "Non iniziat" not in row

    # The dashboard's export and the transcript say the same.
    response = web.get("/hr/conformita/esporta.csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    (line,) = [r for r in rows if r[0] == "A1"]
    assert line[rows[0].index("Stato")] == "In corso"
    transcript = web.get(f"/hr/storico/{agent.pk}/").content.decode()
    courses = transcript[transcript.index("<h2>Corsi</h2>") :]
    assert "In corso" in _row(courses, "<td>Accoglienza</td>")
    assert "Non iniziat" not in transcript

    # And the team leader's view of their team.
    mine = _row(login(leader).get("/hr/conformita/").content.decode(), "Anna Ricci")
    assert "In corso" in mine and "Non iniziat" not in mine


def test_nothing_done_is_not_started_everywhere(enrolled, login, hr):
    _leader, _agent, _course = enrolled
    web = login(hr)
    dashboard = _row(web.get("/hr/conformita/").content.decode(), "Anna Ricci")
    status = _row(web.get("/hr/stato-formazione/").content.decode(), "Anna Ricci")
    assert "Non iniziata" in dashboard and "Non iniziato" in status


def test_the_api_gives_the_dashboards_status(enrolled, client, login, hr, commit):
    leader, agent, course = enrolled
    with commit():
        _observation_failed(leader, agent, course)
    page = login(hr).post("/hr/api/token/", {"name": "Paghe"}).content.decode()
    start = page.index('value="lms_') + len('value="')
    token = page[start : page.index('"', start)]
    client.logout()
    body = client.get("/api/v1/statuses", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    (row,) = [r for r in body["items"] if r["user_id"] == agent.pk]
    assert row["status"] == "in_progress"


@pytest.mark.parametrize("people", [1, 5])
def test_the_training_status_page_stays_flat(
    catalogue, login, hr, commit, people, django_assert_max_num_queries
):
    course = make_course(catalogue, title="Accoglienza", modules=2)
    leader = make_user("capo@test.it", role=roles.LEARNER)
    require_observation(course)
    checklist = make_checklist()
    with commit():
        for n in range(people):
            agent = make_user(f"p{n}@test.it", role=roles.LEARNER, manager=leader)
            enrollment_create(user=agent, course=course)
            if n % 2:
                observe(leader, agent, checklist, level=1)
    web = login(hr)
    with django_assert_max_num_queries(23):
        page = web.get("/hr/stato-formazione/").content.decode()
    assert page.count("In corso") == people // 2
