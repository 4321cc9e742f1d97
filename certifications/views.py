from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from courses.models import ModulePage
from quizzes.forms import QuizForm
from quizzes.services import quiz_questions

from . import policy
from .models import PolicyChange


@login_required
def policy_review(request, change_id: int):
    """Re-read a changed module and pass the quiz again (learner side)."""
    from courses.selectors import course_of_module

    change = get_object_or_404(
        PolicyChange.objects.select_related(
            "module", "revision", "previous_revision", "certification"
        ),
        pk=change_id,
    )
    # Only the people the change concerns: anyone else gets a 404.
    if not policy.concerns(change=change, user=request.user):
        raise Http404(policy.NOT_CONCERNED)
    course = course_of_module(module=change.module)
    questions = quiz_questions(quiz=course.quiz) if course.quiz else []
    form = QuizForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attempt, certificate = policy.policy_review_submit(
                    user=request.user, change=change, answers=form.answers()
                )
            except (ValidationError, PermissionDenied) as error:
                text = getattr(error, "messages", None) or [str(error)]
                messages.error(request, " ".join(text))
                status = 400
            else:
                if certificate is not None:
                    messages.success(request, policy.REVIEW_PASSED)
                    return redirect("courses:my_training")
                messages.error(request, policy.REVIEW_FAILED)
                return redirect("certifications:policy_review", change_id=change.pk)
        else:
            status = 400
    return render(
        request,
        "certifications/policy_review.html",
        {
            "change": change,
            "course": course,
            "diff": policy.change_diff(change),
            "form": form,
            "quiz": course.quiz,
        },
        status=status,
    )


class PolicyChangeForm(forms.Form):
    note = forms.CharField(
        label=_("Che cosa è cambiato"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    due_days = forms.IntegerField(
        label=_("Giorni per completare l'aggiornamento"),
        min_value=1,
        max_value=365,
        initial=30,
    )


def policy_change_admin(request, page_id: int):
    """Admin view: mark the module's published revision as a material change."""
    module = get_object_or_404(ModulePage, pk=page_id).specific
    if not policy.can_mark(user=request.user, module=module):
        raise PermissionDenied
    form = PolicyChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changes = policy.policy_change_mark(
                module=module,
                note=form.cleaned_data["note"],
                due_days=form.cleaned_data["due_days"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Modifica di policy registrata: scadenza {date}.").format(
                    date=changes[0].due_date.isoformat()
                ),
            )
            return redirect("wagtailadmin_explore", module.get_parent().pk)
    return render(
        request,
        "certifications/admin/policy_change.html",
        {"page": module, "form": form, "changes": module.policy_changes.all()},
    )
