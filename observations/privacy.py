"""Observed practice's part of a person's personal data (see `people.signals`):
the observations of them, with the scores and comments; never who else was
observed."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import Observation


@receiver(
    people_signals.personal_data_requested,
    dispatch_uid="observations_export_observations",
)
def export_observations(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "observations": as_records(
                Observation.objects.filter(agent=person).exclude(
                    state=Observation.State.DRAFT
                )
            )
        }
    )
