"""The classroom's part of a person's personal data (see `people.signals`):
their bookings and what the registers say of them; never the calendar feed's
secret token."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import Attendance, Booking


@receiver(
    people_signals.personal_data_requested, dispatch_uid="classroom_export_sessions"
)
def export_sessions(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "session_bookings": as_records(Booking.objects.filter(user=person)),
            "session_attendance": as_records(
                Attendance.objects.filter(user=person).only(
                    "id", "session", "user", "status", "minutes", "recorded_at"
                )
            ),
        }
    )
