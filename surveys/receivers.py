"""How surveys react to courses: a finished course invites to its survey, and
open invitations are tasks on the learner's home."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from content.translation import present_for
from courses import signals as courses_signals
from courses.progress import Task

from .models import CourseSurvey, SurveyInvitation
from .services import invitation_url, survey_invite

TASK_KIND = _("Questionario")
TASK_TITLE = _("Com'è andato il corso?")
TASK_TITLE_OTHER = _("Com'è andata?")
TASK_ACTION = _("Rispondi")


@receiver(courses_signals.enrollment_completed, dispatch_uid="surveys_course_done")
def enrollment_completed(sender, enrollment, **kwargs):
    """`courses.signals.enrollment_completed` (an event, after the certificate
    was issued): invite to the course's survey, if it has one. The certificate
    is already there: the survey can never hold it back."""
    link = (
        CourseSurvey.objects.select_related("survey", "course")
        .filter(course_id=enrollment.course_id)
        .first()
    )
    if link is None:
        return
    survey_invite(
        user=enrollment.user,
        survey=link.survey,
        context_label=link.course.title,
        course=link.course,
        trainer=link.course.owner,
    )


@receiver(courses_signals.learner_tasks, dispatch_uid="surveys_learner_tasks")
def survey_tasks(sender, user, today, **kwargs):
    """`courses.signals.learner_tasks`: every open invitation, in one query."""
    invitations = list(
        SurveyInvitation.objects.filter(user=user, answered=False, dismissed=False)
        .select_related("course")
        .order_by("invited_on", "pk")
    )
    # A course's invitation shows the course in the learner's language.
    courses = present_for([i.course for i in invitations], [user] * len(invitations))
    return [
        Task(
            key=f"survey:{invitation.pk}",
            kind=str(TASK_KIND),
            title=str(TASK_TITLE if invitation.course_id else TASK_TITLE_OTHER),
            note=course.title if course else invitation.context_label,
            url=invitation_url(invitation),
            action=str(TASK_ACTION),
        )
        for invitation, course in zip(invitations, courses, strict=True)
    ]
