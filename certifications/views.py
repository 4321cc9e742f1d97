from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment, ModulePage
from courses.selectors import course_of_module
from quizzes import selectors as quiz_selectors
from quizzes.views import AttemptView

from . import policy
from .forms import PolicyChangeForm
from .models import PolicyChange


def _concerning_change(request, change_id: int) -> PolicyChange:
    change = get_object_or_404(
        PolicyChange.objects.select_related(
            "module", "revision", "previous_revision", "certification"
        ),
        pk=change_id,
    )
    # Only the people the change concerns or concerned (the page stays, done,
    # for whoever followed a link to it): anyone else gets a 404.
    if policy.review_state(change=change, user=request.user) is None:
        raise Http404(policy.NOT_CONCERNED)
    return change


@login_required
def policy_review(request, change_id: int):
    """Re-read a changed module, then go to the review quiz (learner side)."""
    change = _concerning_change(request, change_id)
    course = course_of_module(module=change.module)
    return render(
        request,
        "certifications/policy_review.html",
        {
            "change": change,
            "course": course,
            "diff": policy.change_diff(change),
            "state": policy.review_state(change=change, user=request.user),
            "done_on": policy.completed_on(change=change, user=request.user),
            "quiz": policy.review_quiz(change=change, course=course),
        },
    )


class PolicyReviewQuizView(AttemptView):
    """The review quiz of a policy change: the quiz engine's own page and rules,
    with its own start and end (a certificate attesting the new text)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.change = _concerning_change(request, kwargs["change_id"])
        self.course = course_of_module(module=self.change.module)
        self.enrollment = Enrollment.objects.filter(
            user=request.user, course=self.course
        ).first()
        self.certificate = None
        return super().dispatch(request, *args, **kwargs)

    def take_url(self) -> str:
        return reverse("certifications:policy_quiz", args=[self.change.pk])

    def get_quiz(self):
        return policy.review_quiz(change=self.change, course=self.course)

    def attempt_filters(self) -> dict:
        return {"course": self.course, "purpose": policy.review_purpose(self.change)}

    def get_rules(self):
        return quiz_selectors.attempt_rules(
            user=self.request.user,
            quiz=self.get_quiz(),
            course=self.course,
            purpose=policy.review_purpose(self.change),
        )

    def extra_context(self) -> dict:
        return {"course": self.course, "change": self.change}

    def refused(self):
        # Back to the change: the person may not be enrolled in its course.
        return redirect("certifications:policy_review", change_id=self.change.pk)

    def start_attempt(self):
        return policy.policy_review_start(user=self.request.user, change=self.change)

    def process_attempt(self, attempt, responses):
        attempt, self.certificate = policy.policy_review_submit(
            user=self.request.user,
            change=self.change,
            attempt=attempt,
            responses=responses,
        )
        return attempt

    def render_result(self, attempt):
        if self.certificate is not None:
            messages.success(self.request, policy.REVIEW_PASSED)
            return redirect("courses:my_training")
        messages.error(self.request, policy.REVIEW_FAILED)
        return redirect("courses:attempt_result", attempt_id=attempt.pk)


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
                quiz=form.cleaned_data["quiz"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Modifica di policy registrata: revisione entro il {date}.").format(
                    date=date_format(changes[0].due_date, "j F Y")
                ),
            )
            return redirect("wagtailadmin_explore", module.get_parent().pk)
    return render(
        request,
        "certifications/admin/policy_change.html",
        {
            "page": module,
            "form": form,
            "changes": module.policy_changes.all(),
            "concerned": policy.concerned_count(module=module),
        },
    )
