"""The courses' part of a person's personal data (see `people.signals`)."""

from people.privacy import personal_records

from .models import (
    Enrollment,
    KnowledgeCheckResponse,
    ModuleCompletion,
    ScormRecord,
)


@personal_records(dispatch_uid="courses_personal_data")
def export_learning(person) -> dict:
    return {
        "enrollments": Enrollment.objects.filter(user=person),
        "module_completions": ModuleCompletion.objects.filter(enrollment__user=person),
        # Which option they chose and whether it was right: their own
        # answers; the check's options and feedback stay in the module.
        "knowledge_check_responses": KnowledgeCheckResponse.objects.filter(
            enrollment__user=person
        ),
        # What SCORM packages stored for them: status, score, location and
        # the package's own suspend data.
        "scorm_records": ScormRecord.objects.filter(enrollment__user=person),
    }
