"""Sessions and attendance in the read-only API, documented in its schema."""

from datetime import timedelta

import pytest
from django.utils import timezone

from classroom import services
from courses.services import enrollment_create
from people import roles
from tests.builders import make_user

from .builders import make_session


@pytest.fixture
def api(client, login, hr):
    page = login(hr).post("/hr/api/token/", {"name": "Paghe"})
    html = page.content.decode()
    start = html.index('value="lms_') + len('value="')
    token = html[start : html.index('"', start)]
    client.logout()

    def get(path, **params):
        return client.get(
            "/api/v1" + path, params, HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    return get


def test_sessions_and_attendance(api, course, trainer):
    learner = make_user("api@test.it", role=roles.LEARNER, employee_id="E7")
    waiting = make_user("api2@test.it", role=roles.LEARNER)
    session = make_session(course, trainer, capacity=1)
    for person in (learner, waiting):
        enrollment_create(user=person, course=course)
        services.session_book(user=person, session=session)
    session.starts_at = timezone.now() - timedelta(hours=3)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    services.attendance_record(
        session=session, recorded_by=trainer, rows={learner.pk: ("late", 90)}
    )
    body = api("/sessions", course=course.pk).json()
    assert body["count"] == 1
    (row,) = body["items"]
    assert row["title"] == session.title
    assert row["trainer"] == trainer.full_name
    assert (row["capacity"], row["booked"], row["waiting"]) == (1, 1, 1)
    body = api("/attendance", session=session.pk).json()
    assert body["items"] == [
        {
            "id": body["items"][0]["id"],
            "session_id": session.pk,
            "course_id": course.pk,
            "employee_id": "E7",
            "email": learner.email,
            "status": "late",
            "minutes": 90,
            "recorded_at": body["items"][0]["recorded_at"],
        }
    ]
    assert api("/attendance", session="x").status_code == 422


def test_schema_documents_them(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/sessions" in paths and "/api/v1/attendance" in paths
