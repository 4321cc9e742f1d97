from django.core.management import call_command

from classroom.models import Attendance, Booking, Session


def test_demo_has_a_held_session_with_the_agents_attendance(db):
    call_command("load_demo_data")
    call_command("load_demo_data")
    held, coming = Session.objects.order_by("starts_at")
    assert held.course.slug == "fondamenti-del-servizio-clienti"
    assert held.trainer.email == "formatore@example.com"
    (line,) = Attendance.objects.filter(session=held)
    assert (line.user.email, line.status, line.minutes) == (
        "agente@example.com",
        "present",
        180,
    )
    assert coming.video_link.startswith("https://")
    assert not Booking.objects.filter(session=coming).exists()
