"""Trainers manage sessions in the admin; creating, changing and calling off a
session leave entries in the audit log."""

from wagtail.models import ModelLogEntry

from classroom.models import Session


def _form(course, trainer, **extra):
    data = {
        "course": course.pk,
        "title": "Prove al banco",
        "starts_at": "2030-03-04 09:30",
        "ends_at": "2030-03-04 12:30",
        "place": "Aula 2",
        "video_link": "",
        "trainer": trainer.pk,
        "capacity": "10",
        "cancel_cutoff_hours": "24",
        "notes": "",
    }
    data.update(extra)
    return data


def test_a_trainer_creates_changes_and_calls_off_a_session(
    client, login, course, trainer
):
    login(trainer)
    response = client.post(
        "/admin/snippets/classroom/session/add/", _form(course, trainer)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert session.minutes == 180
    response = client.post(
        f"/admin/snippets/classroom/session/edit/{session.pk}/",
        _form(course, trainer, cancelled="on"),
    )
    assert response.status_code == 302
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(session.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "wagtail.edit", "lms.session.cancel"]


def test_an_http_link_is_refused_in_the_form(client, login, course, trainer):
    login(trainer)
    response = client.post(
        "/admin/snippets/classroom/session/add/",
        _form(course, trainer, place="", video_link="http://meet.example.com/x"),
    )
    assert response.status_code == 200
    assert "deve iniziare con https://" in response.content.decode()
    assert not Session.objects.exists()
