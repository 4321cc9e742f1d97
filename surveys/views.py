"""The learner's side: answer a survey they were invited to, or dismiss it.
Someone else's invitation is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from content.translation import title_for

from .models import RATING_MAX, RATING_MIN, SurveyInvitation
from .services import survey_answer, survey_dismiss

THANKS = _("Grazie! La tua risposta è stata registrata.")
DISMISSED = _("Va bene: non ti chiederemo più di questo questionario.")
FIX_ERRORS = _("Controlla le risposte evidenziate.")


def _invitation(request, pk) -> SurveyInvitation:
    return get_object_or_404(
        SurveyInvitation.objects.select_related("survey", "course"),
        pk=pk,
        user=request.user,
    )


def _questions(survey, data, errors):
    return [
        {
            "id": block.id,
            "kind": block.block_type,
            "text": str(block.value),
            "value": str(data.get(f"q-{block.id}", "")),
            "error": errors.get(block.id, ""),
        }
        for block in survey.questions
    ]


@login_required
def answer(request, pk):
    invitation = _invitation(request, pk)
    errors = {}
    data = {}
    if request.method == "POST" and invitation.is_open:
        data = request.POST
        try:
            survey_answer(invitation=invitation, data=request.POST)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {
                    key: value[0].message for key, value in error.error_dict.items()
                }
                messages.error(request, FIX_ERRORS)
            else:
                messages.info(request, error.messages[0])
                return redirect("courses:my_training")
        else:
            messages.success(request, THANKS)
            return redirect("courses:my_training")
    return render(
        request,
        "surveys/answer.html",
        {
            "title": invitation.survey.title,
            "invitation": invitation,
            # What it is about: a course in the reader's language, as the
            # home's task names it; else the label the invitation recorded.
            "about": title_for(invitation.course, request.user)
            if invitation.course_id
            else invitation.context_label,
            "survey": invitation.survey,
            "questions": _questions(invitation.survey, data, errors),
            "scale": range(RATING_MIN, RATING_MAX + 1),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def dismiss(request, pk):
    invitation = _invitation(request, pk)
    survey_dismiss(invitation=invitation)
    messages.info(request, DISMISSED)
    return redirect("courses:my_training")
