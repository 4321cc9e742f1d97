"""The surveys' part of a person's personal data (see `people.signals`): the
invitations they received and the answers they gave to surveys that are not
anonymous. Anonymous answers are tied to nobody, so they cannot be found (nor
given back) for anyone."""

from people.privacy import personal_records

from .models import SurveyInvitation, SurveyResponse


@personal_records(dispatch_uid="surveys_personal_data")
def export_surveys(person) -> dict:
    return {
        "survey_invitations": SurveyInvitation.objects.filter(user=person),
        "survey_answers": SurveyResponse.objects.filter(user=person),
    }
