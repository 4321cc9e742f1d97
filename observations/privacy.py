"""Observed practice's part of a person's personal data (see `people.signals`):
the observations of them, with the scores and comments; never who else was
observed."""

from people.privacy import personal_records

from .models import Observation


@personal_records(dispatch_uid="observations_export_observations")
def export_observations(person) -> dict:
    return {
        "observations": Observation.objects.filter(agent=person).exclude(
            state=Observation.State.DRAFT
        )
    }
