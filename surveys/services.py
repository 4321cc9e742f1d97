"""Writes of the surveys: invite, answer, dismiss.

`survey_invite` is the entry point for any app that wants to ask a survey
(courses' completion through the receiver here; a classroom session after its
attendance): it records the invitation and sends the notice through
`notifications.notification_send`, once per person and thing asked about.

No audit entry is written for an answer: a survey is not a compliance record,
and a log line naming who answered an anonymous survey, with its time, would
undo the anonymity.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.translation import title_for
from notifications.models import Kind
from notifications.services import notification_send

from .models import RATING_MAX, RATING_MIN, Survey, SurveyInvitation, SurveyResponse

ALREADY_CLOSED = _("Hai già risposto a questo questionario o l'hai ignorato.")
RATING_REQUIRED = _("Scegli un valore da 1 a 5.")
TEXT_TOO_LONG = _("Al massimo 2000 caratteri.")
TEXT_MAX = 2000


def invitation_url(invitation: SurveyInvitation) -> str:
    return reverse("surveys:answer", args=[invitation.pk])


@transaction.atomic
def survey_invite(
    *, user, survey: Survey, context_label: str, course=None, trainer=None
) -> SurveyInvitation | None:
    """Invite `user` to answer `survey` about `context_label` (a course's title,
    a session's name and date). One invitation per person and course (or per
    person and label when there is no course); asking again returns None and
    sends nothing. The invitation waits on the learner's home ("Com'è andato
    il corso?") until answered or dismissed; it never holds anything back."""
    existing = SurveyInvitation.objects.filter(user=user, survey=survey)
    if course is not None:
        existing = existing.filter(course=course)
    else:
        existing = existing.filter(course__isnull=True, context_label=context_label)
    if existing.exists():
        return None
    today = timezone.localdate()
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                user=user,
                survey=survey,
                course=course,
                context_label=context_label[:255],
                trainer=trainer,
                invited_on=today,
            )
    except IntegrityError:
        return None  # a concurrent invitation won
    notification_send(
        user=user,
        kind=Kind.SURVEY,
        reason_key=f"survey:{invitation.pk}",
        today=today,
        course=course,
        # The label is the record (results group by it); the person reads the
        # course's title in their language.
        note=title_for(course, user) if course else invitation.context_label,
        link=invitation_url(invitation),
    )
    return invitation


def answers_clean(survey: Survey, data) -> tuple[dict, dict, dict]:
    """The answers of a submitted form, checked: (answers, questions asked,
    errors by block id). Ratings are required, free text is not."""
    answers, asked, errors = {}, {}, {}
    for block in survey.questions:
        asked[block.id] = {"kind": block.block_type, "text": str(block.value)}
        raw = (data.get(f"q-{block.id}") or "").strip()
        if block.block_type == "rating":
            if not raw.isdigit() or not RATING_MIN <= int(raw) <= RATING_MAX:
                errors[block.id] = RATING_REQUIRED
                continue
            answers[block.id] = int(raw)
        elif raw:
            if len(raw) > TEXT_MAX:
                errors[block.id] = TEXT_TOO_LONG
                continue
            answers[block.id] = raw.replace("\x00", "")
    return answers, asked, errors


@transaction.atomic
def survey_answer(*, invitation: SurveyInvitation, data) -> SurveyResponse:
    """Record the answers of an open invitation, once. An anonymous survey's
    response keeps no person; the invitation keeps only that they answered.
    Raises ValidationError: `errors` by question, or the invitation closed."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(ALREADY_CLOSED)
    survey = invitation.survey
    answers, asked, errors = answers_clean(survey, data)
    if errors:
        raise ValidationError({key: [value] for key, value in errors.items()})
    response = SurveyResponse.objects.create(
        survey=survey,
        course=invitation.course,
        context_label=invitation.context_label,
        trainer=invitation.trainer,
        user=None if survey.anonymous else invitation.user,
        answered_on=timezone.localdate(),
        answers=answers,
        questions=asked,
    )
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    return response


@transaction.atomic
def survey_dismiss(*, invitation: SurveyInvitation) -> None:
    """The learner prefers not to answer: the invitation leaves their home."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_open:
        invitation.dismissed = True
        invitation.save(update_fields=["dismissed"])


@transaction.atomic
def survey_response_add(
    *, survey: Survey, course=None, context_label: str, data, day=None
) -> SurveyResponse:
    """Answers collected outside the site (paper forms at the end of a
    classroom day), typed in by a trainer: counted in the results like any
    other, tied to nobody. The same checks as an answer given online."""
    answers, asked, errors = answers_clean(survey, data)
    if errors:
        raise ValidationError({key: [value] for key, value in errors.items()})
    return SurveyResponse.objects.create(
        survey=survey,
        course=course,
        context_label=context_label[:255],
        trainer=getattr(course, "owner", None),
        user=None,
        answered_on=day or timezone.localdate(),
        answers=answers,
        questions=asked,
    )
