"""The trainer's register: present / late / absent and hours, the course's
session step and the certificate it releases, the signed sheet, the hours
register's entries and who may do what."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from classroom import services
from classroom.models import Attendance
from courses.models import Enrollment
from courses.selectors import user_course_progress
from courses.services import enrollment_create, enrollment_restart
from courses.signals import training_hours
from people import roles
from tests.builders import make_passed_enrollment, make_user, pass_course
from tests.pdfs import pdf_text

from .builders import make_session, require_session


def _started(session, minutes_ago=150):
    """Move a session into the past, as the register is taken once it began."""
    length = session.ends_at - session.starts_at
    session.starts_at = timezone.now() - timedelta(minutes=minutes_ago)
    session.ends_at = session.starts_at + length
    session.save()
    return session


def _only_the_session_missing(course, email):
    """`course` now requires a session; a new learner (`email`) has done its
    modules and passed its quiz: (learner, enrolment)."""
    require_session(course)
    learner = make_user(email, role=roles.LEARNER)
    enrollment, _attempt = make_passed_enrollment(learner, course)
    return learner, enrollment


def _booked_and_begun(course, trainer, learner, minutes_ago=150):
    """`learner` books a new session of `course`, which began `minutes_ago`."""
    session = make_session(course, trainer)
    services.session_book(user=learner, session=session)
    return _started(session, minutes_ago)


@pytest.fixture
def booked(course, trainer):
    learners = [
        make_user(
            "anna@test.it", role=roles.LEARNER, first_name="Anna", last_name="Verdi"
        ),
        make_user(
            "bruno@test.it", role=roles.LEARNER, first_name="Bruno", last_name="Neri"
        ),
        make_user(
            "carla@test.it", role=roles.LEARNER, first_name="Carla", last_name="Blu"
        ),
    ]
    session = make_session(course, trainer, capacity=5, hours=3)
    for learner in learners:
        enrollment_create(user=learner, course=course)
        services.session_book(user=learner, session=session)
    return _started(session), learners


def record_one_of_each(booked, trainer, *, late_minutes):
    """The trainer records the booked three: Anna present, Bruno late by
    `late_minutes`, Carla absent."""
    session, (anna, bruno, carla) = booked
    services.attendance_record(
        session=session,
        recorded_by=trainer,
        rows={
            anna.pk: ("present", None),
            bruno.pk: ("late", late_minutes),
            carla.pk: ("absent", None),
        },
    )


def _post(client, session, rows):
    data = {}
    for user, status, minutes in rows:
        data[f"{user.pk}-status"] = status
        data[f"{user.pk}-minutes"] = str(minutes)
    return client.post(f"/sessioni/{session.pk}/presenze/", data, follow=True)


def test_the_trainer_takes_attendance_on_the_register_page(
    client, login, trainer, booked
):
    session, (anna, bruno, carla) = booked
    login(trainer)
    page = client.get(f"/sessioni/{session.pk}/presenze/")
    body = page.content.decode()
    assert all(p.full_name in body for p in (anna, bruno, carla))
    assert 'value="180"' in body  # the whole session by default
    response = _post(
        client,
        session,
        [(anna, "present", 180), (bruno, "late", 120), (carla, "absent", 180)],
    )
    assert "Presenze salvate" in response.content.decode()
    register = {a.user_id: (a.status, a.minutes) for a in Attendance.objects.all()}
    assert register == {
        anna.pk: ("present", 180),
        bruno.pk: ("late", 120),
        carla.pk: ("absent", 0),
    }
    entry = ModelLogEntry.objects.get(action="lms.session.attendance")
    assert entry.user_id == trainer.pk
    assert entry.data["register"][bruno.email] == {"status": "late", "minutes": 120}


def test_minutes_beyond_the_session_are_refused_with_a_message(
    client, login, trainer, booked
):
    session, (anna, bruno, carla) = booked
    login(trainer)
    response = _post(
        client,
        session,
        [(anna, "present", 999), (bruno, "present", 10), (carla, "present", 10)],
    )
    assert "i minuti di presenza vanno da 0 a 180" in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_the_session_trainer_opens_the_register(client, login, booked):
    session, (anna, *_rest) = booked
    other = make_user("altro@test.it", role=roles.TRAINER)
    login(other)
    assert client.get(f"/sessioni/{session.pk}/presenze/").status_code == 404
    assert client.get(f"/sessioni/{session.pk}/presenze.pdf").status_code == 404
    client.logout()
    login(anna)
    assert client.get(f"/sessioni/{session.pk}/presenze/").status_code == 404
    assert client.get("/sessioni/registro/").status_code == 403


def test_attendance_completes_the_session_step_and_the_certificate_follows(
    catalogue, course, trainer, commit
):
    learner, enrollment = _only_the_session_missing(course, "dario@test.it")
    # Quiz passed, modules done: the certificate waits for the session.
    progress = user_course_progress(user=learner, course=course)
    assert [r.waiting_label for r in progress.pending_requirements] == [
        "In attesa della sessione"
    ]
    assert not Certificate.objects.filter(enrollment=enrollment).exists()
    session = make_session(course, trainer)
    services.session_book(user=learner, session=session)
    progress = user_course_progress(user=learner, course=course)
    assert progress.pending_requirements[0].waiting_label.startswith(
        "Sessione prenotata:"
    )
    _started(session)
    with commit():
        services.attendance_record(
            session=session, recorded_by=trainer, rows={learner.pk: ("late", 90)}
        )
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.status == "valid"
    progress = user_course_progress(user=learner, course=course)
    assert [(r.label, r.met) for r in progress.requirements] == [
        ("Sessione in aula", True)
    ]


def test_a_restarted_enrolment_asks_for_a_session_again(course, trainer, commit):
    """A new cycle (a renewal through the same course) counts only what happens
    in it: the session attended for the first certificate is history."""
    learner, enrollment = _only_the_session_missing(course, "fabio@test.it")
    session = _booked_and_begun(course, trainer, learner)
    with commit():
        services.attendance_record(
            session=session, recorded_by=trainer, rows={learner.pk: ("present", None)}
        )
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    enrollment_restart(enrollment=enrollment, due_date=None, actor=None, reason="")
    # The new cycle began after the first session (150 minutes ago) and before
    # the next one (60 minutes ago), as weeks apart would be.
    Enrollment.objects.filter(pk=enrollment.pk).update(
        cycle_started_at=timezone.now() - timedelta(minutes=100)
    )
    progress = user_course_progress(user=learner, course=course)
    assert [(r.label, r.met) for r in progress.requirements] == [
        ("Sessione in aula", False)
    ]
    # A session of the new cycle can be booked and attended again.
    later = _booked_and_begun(course, trainer, learner, minutes_ago=60)
    services.attendance_record(
        session=later, recorded_by=trainer, rows={learner.pk: ("present", None)}
    )
    progress = user_course_progress(user=learner, course=course)
    assert [(r.label, r.met) for r in progress.requirements] == [
        ("Sessione in aula", True)
    ]


def test_absence_does_not_complete_the_step(course, trainer):
    learner, enrollment = _only_the_session_missing(course, "elio@test.it")
    session = _booked_and_begun(course, trainer, learner)
    services.attendance_record(
        session=session, recorded_by=trainer, rows={learner.pk: ("absent", None)}
    )
    assert not Certificate.objects.filter(enrollment=enrollment).exists()


def test_a_course_without_the_requirement_is_certified_as_before(course, learner):
    assert pass_course(learner, course).status == "valid"


def test_learner_home_asks_to_book_the_session(client, login, course, learner):
    require_session(course)
    enrollment_create(user=learner, course=course)
    login(learner)
    body = client.get("/la-mia-formazione/").content.decode()
    assert "Prenota la tua sessione: Fondamenti del servizio" in body
    assert f"/sessioni/corso/{course.pk}/" in body


def test_attendance_sheet_pdf(client, login, trainer, booked, hr):
    session, _ = booked
    record_one_of_each(booked, trainer, late_minutes=150)
    login(hr)
    response = client.get(f"/sessioni/{session.pk}/presenze.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    start = timezone.localtime(session.starts_at)
    for expected in (
        "Registro presenze",
        session.course.title,
        session.title,
        start.strftime("%d/%m/%Y"),
        start.strftime("%H:%M"),
        session.place,
        trainer.full_name,
        "Anna Verdi",
        "Presente",
        "3 h",
        "Bruno Neri",
        "In ritardo",
        "2 h 30 min",
        "Carla Blu",
        "Assente",
        "Firma del formatore",
    ):
        assert expected in text, expected


def test_hours_answer_the_register(course, trainer, booked):
    session, (anna, bruno, carla) = booked
    record_one_of_each(booked, trainer, late_minutes=100)
    day = timezone.localtime(session.starts_at).date()
    entries = [
        entry
        for _receiver, answer in training_hours.send(
            sender="hr", user_ids=None, start=day, end=day, course_ids=None
        )
        for entry in answer or ()
        if entry.kind == "session"
    ]
    assert sorted((e.user_id, e.minutes) for e in entries) == sorted(
        [(anna.pk, 180), (bruno.pk, 100)]
    )
    assert {e.trainer for e in entries} == {trainer.full_name}
    assert {e.course_id for e in entries} == {course.pk}
    none = training_hours.send(
        sender="hr",
        user_ids=[anna.pk],
        start=day + timedelta(days=1),
        end=day + timedelta(days=2),
        course_ids=None,
    )
    assert not [e for _r, a in none for e in a or () if e.kind == "session"]


@pytest.mark.parametrize("count", [1, 6])
def test_list_pages_query_counts_do_not_grow(
    client, login, course, trainer, count, django_assert_max_num_queries
):
    learners = []
    for n in range(count):
        learner = make_user(f"q{n}@test.it", role=roles.LEARNER)
        enrollment_create(user=learner, course=course)
        learners.append(learner)
    for n in range(count):
        session = make_session(
            course, trainer, days=3 + n, capacity=count, title=f"S{n}"
        )
        for learner in learners:
            if n == 0:
                services.session_book(user=learner, session=session)
    login(learners[0])
    with django_assert_max_num_queries(14):
        assert client.get(f"/sessioni/corso/{course.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/sessioni/").status_code == 200
    client.logout()
    login(trainer)
    with django_assert_max_num_queries(14):
        assert client.get("/sessioni/registro/").status_code == 200


def test_personal_data_export_has_the_bookings_and_register(trainer, booked, hr):
    import io
    import json
    import zipfile

    from people.privacy import person_data_export

    session, (anna, *_rest) = booked
    services.attendance_record(
        session=session, recorded_by=trainer, rows={anna.pk: ("present", None)}
    )
    services.calendar_feed_rotate(user=anna)
    archive = zipfile.ZipFile(io.BytesIO(person_data_export(person=anna, actor=hr)))
    raw = archive.read("data.json").decode()
    data = json.loads(raw)
    assert [r["fields"]["status"] for r in data["session_bookings"]] == ["booked"]
    assert [r["fields"]["minutes"] for r in data["session_attendance"]] == [180]
    assert anna.calendar_feed.token not in raw


def test_a_named_trainer_without_the_role_keeps_no_register(client, login, booked):
    """A trainer who lost the role (or a learner named in their place) is
    refused the register, the sheet and the service, even for her own line."""
    session, (anna, *_rest) = booked
    trainer = session.trainer
    trainer.groups.set([Group.objects.get(name=roles.LEARNER)])
    login(trainer)
    assert client.get(f"/sessioni/{session.pk}/presenze/").status_code == 403
    response = _post(client, session, [(anna, "late", 170)])
    assert response.status_code == 403
    assert client.get(f"/sessioni/{session.pk}/presenze.pdf").status_code == 403
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            session=session, recorded_by=trainer, rows={anna.pk: ("late", 170)}
        )
    assert not Attendance.objects.exists()
