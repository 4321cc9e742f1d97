"""The surveys' part of a person's personal data (see `people.signals`): the
invitations they received and the answers they gave to surveys that are not
anonymous. Anonymous answers are tied to nobody, so they cannot be found (nor
given back) for anyone."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import SurveyInvitation, SurveyResponse


@receiver(people_signals.personal_data_requested, dispatch_uid="surveys_personal_data")
def export_surveys(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "survey_invitations": as_records(
                SurveyInvitation.objects.filter(user=person)
            ),
            "survey_answers": as_records(SurveyResponse.objects.filter(user=person)),
        }
    )
