"""The courses' part of a person's personal data (see `people.signals`)."""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import (
    Enrollment,
    KnowledgeCheckResponse,
    ModuleCompletion,
    ScormRecord,
)


@receiver(people_signals.personal_data_requested, dispatch_uid="courses_personal_data")
def export_learning(sender, person, **kwargs) -> PersonalData:
    return PersonalData(
        records={
            "enrollments": as_records(Enrollment.objects.filter(user=person)),
            "module_completions": as_records(
                ModuleCompletion.objects.filter(enrollment__user=person)
            ),
            # Which option they chose and whether it was right: their own
            # answers; the check's options and feedback stay in the module.
            "knowledge_check_responses": as_records(
                KnowledgeCheckResponse.objects.filter(enrollment__user=person)
            ),
            # What SCORM packages stored for them: status, score, location and
            # the package's own suspend data.
            "scorm_records": as_records(
                ScormRecord.objects.filter(enrollment__user=person)
            ),
        }
    )
