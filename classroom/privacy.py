"""The classroom's part of a person's personal data (see `people.signals`):
their bookings and what the registers say of them; never the calendar feed's
secret token."""

from people.privacy import personal_records

from .models import Attendance, Booking


@personal_records(dispatch_uid="classroom_export_sessions")
def export_sessions(person) -> dict:
    return {
        "session_bookings": Booking.objects.filter(user=person),
        "session_attendance": Attendance.objects.filter(user=person).only(
            "id", "session", "user", "status", "minutes", "recorded_at"
        ),
    }
