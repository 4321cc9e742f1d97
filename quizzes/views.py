from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST

from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import CoursePage, Enrollment

from . import selectors, services
from .forms import question_view, responses_from_post
from .models import Attempt, Quiz

TIME_UP_GRADED = _(
    "Il tempo a disposizione è scaduto: il tentativo è stato valutato con le "
    "risposte salvate fino alla scadenza."
)
ALREADY_GRADED = _("Questo tentativo era già stato consegnato: ecco il risultato.")
SAVED = _("Risposte salvate.")


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class QuizView(LoginRequiredMixin, View):
    """Take a course's final quiz: start or resume the attempt, show its page,
    save answers, submit.

    Shaped like Wagtail's FormMixin: `get_attempt → render_page →
    process_attempt → render_result`, each small enough to override.
    """

    template_name = "quizzes/quiz.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.course = course_selectors.live_course(course_id=kwargs["course_id"])
        if self.course is None:
            raise Http404
        self.enrollment = Enrollment.objects.filter(
            user=request.user, course=self.course
        ).first()
        if self.enrollment is None:
            messages.info(request, course_services.NOT_ENROLLED)
            return redirect(self.course.url)
        return super().dispatch(request, *args, **kwargs)

    def quiz(self) -> Quiz | None:
        """The quiz this page takes: a learner can have an attempt open at the
        same time on another quiz of the same course (a policy review)."""
        return self.course.quiz

    def open_attempt(self) -> Attempt | None:
        return (
            Attempt.objects.filter(
                user=self.request.user,
                course=self.course,
                quiz=self.quiz(),
                state__in=Attempt.OPEN_STATES,
            )
            .select_related("quiz")
            .first()
        )

    def take_url(self) -> str:
        """Where the quiz form posts; a subclass serving the same engine for
        another purpose (a policy review) points it at itself."""
        return reverse("quizzes:take", kwargs={"course_id": self.course.pk})

    def get_attempt(self) -> Attempt:
        return course_services.course_quiz_start(
            user=self.request.user, course=self.course
        )

    def get(self, request, *args, **kwargs):
        try:
            attempt = self.get_attempt()
        except (ValidationError, PermissionDenied) as error:
            messages.info(request, _message(error))
            return self.refused()
        if services.attempt_time_is_up(attempt):
            return self.finish(attempt, None)
        return self.render_page(attempt)

    def refused(self):
        """Where a refused start sends the learner; the message says why."""
        if self.course.quiz_id and course_selectors.enrollment_progress(
            enrollment=self.enrollment
        ).quiz_state in (
            course_selectors.QuizState.OPEN,
            course_selectors.QuizState.PASSED,
        ):
            return redirect("quizzes:history", course_id=self.course.pk)
        return redirect(self.course.url)

    def post(self, request, *args, **kwargs):
        attempt = self.open_attempt()
        if attempt is None:
            return redirect(self.take_url())
        answers = list(attempt.answers.all())
        try:
            responses = responses_from_post(answers, request.POST)
        except ValidationError as error:
            messages.error(request, _message(error))
            return self.render_page(attempt, answers=answers, status=400)
        action = request.POST.get("action", "submit")
        if action == "submit":
            return self.finish(attempt, responses, answers=answers)
        try:
            services.attempt_save(attempt=attempt, responses=responses)
        except ValidationError as error:
            if services.attempt_time_is_up(attempt):
                return self.finish(attempt, None)
            messages.error(request, _message(error))
            return self.render_page(attempt, answers=answers, status=400)
        page = self.page_number(request.POST.get("page"), len(answers))
        page += {"next": 1, "previous": -1}.get(action, 0)
        page = self.page_number(page, len(answers))
        return redirect(f"{self.take_url()}?domanda={page}")

    def finish(self, attempt, responses, answers=None):
        was_open = attempt.is_open
        try:
            attempt = self.process_attempt(attempt, responses)
        except (ValidationError, PermissionDenied) as error:
            messages.error(self.request, _message(error))
            return self.render_page(attempt, answers=answers, status=400)
        if attempt.expired:
            messages.warning(self.request, TIME_UP_GRADED)
        elif not was_open:
            messages.info(self.request, ALREADY_GRADED)
        return self.render_result(attempt)

    def process_attempt(self, attempt, responses) -> Attempt:
        return course_services.course_quiz_submit(
            user=self.request.user,
            course=self.course,
            attempt=attempt,
            responses=responses,
        )

    def render_result(self, attempt: Attempt):
        return redirect("quizzes:result", attempt_id=attempt.pk)

    @staticmethod
    def page_number(value, total: int) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 1
        return min(max(number, 1), max(total, 1))

    def render_page(self, attempt: Attempt, answers=None, status=200):
        quiz = attempt.quiz
        answers = answers if answers is not None else list(attempt.answers.all())
        data = self.request.POST if self.request.method == "POST" else None
        one_per_page = quiz.layout == Quiz.Layout.ONE
        page = 1
        shown = answers
        if one_per_page:
            page = self.page_number(
                self.request.POST.get("page") or self.request.GET.get("domanda"),
                len(answers),
            )
            shown = answers[page - 1 : page]
        questions = [question_view(a, data) for a in shown]
        return render(
            self.request,
            self.template_name,
            {
                "course": self.course,
                "form_action": self.take_url(),
                "quiz": quiz,
                "attempt": attempt,
                "questions": questions,
                "total": len(answers),
                "one_per_page": one_per_page,
                "page": page,
                "has_previous": one_per_page and page > 1,
                "has_next": one_per_page and page < len(answers),
                "grace_seconds": int(services.grace().total_seconds()),
            },
            status=status,
        )


@login_required
@require_POST
def autosave(request, course_id: int):
    """Save the answers the page holds, as the learner goes (called by
    quiz.js). Always JSON, never a 500."""
    attempts = Attempt.objects.filter(
        user=request.user, course_id=course_id, state__in=Attempt.OPEN_STATES
    )
    # The page names its quiz: a policy review's attempt can be open in the
    # same course as the final quiz's.
    quiz_id = request.GET.get("quiz", "")
    if quiz_id.isdigit():
        attempts = attempts.filter(quiz_id=int(quiz_id))
    attempt = attempts.select_related("quiz").first()
    if attempt is None:
        return JsonResponse({"error": str(services.ATTEMPT_CLOSED)}, status=409)
    try:
        responses = responses_from_post(list(attempt.answers.all()), request.POST)
        services.attempt_save(attempt=attempt, responses=responses)
    except ValidationError as error:
        status = 409 if services.attempt_time_is_up(attempt) else 400
        return JsonResponse({"error": _message(error)}, status=status)
    return JsonResponse({"saved": True, "message": str(SAVED)})


@login_required
def attempt_result(request, attempt_id: int):
    # Only the learner's own attempts: another person's id is simply not found.
    attempt = get_object_or_404(
        Attempt.objects.select_related("course", "quiz").prefetch_related("answers"),
        pk=attempt_id,
        user=request.user,
    )
    if attempt.is_open:
        return redirect("quizzes:take", course_id=attempt.course_id)
    progress = course_selectors.user_course_progress(
        user=request.user, course=attempt.course
    )
    enrollment = progress.enrollment
    # An attempt of the current cycle is judged by this cycle's attempts; one of
    # an earlier cycle (history) by the whole record.
    since = None
    if enrollment is not None and enrollment.in_cycle(attempt.started_at):
        since = enrollment.cycle_started_at
    rules = selectors.attempt_rules(
        user=request.user, quiz=attempt.quiz, course=attempt.course, since=since
    )
    review = selectors.review_for(attempt=attempt, rules=rules)
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "course": attempt.course,
            "progress": progress,
            "rules": rules,
            "review": review,
            "items": selectors.attempt_review(attempt=attempt, review=review),
            "can_retry": not rules.passed
            and rules.can_start
            and attempt.course.quiz_id == attempt.quiz_id,
        },
    )


@login_required
def attempt_history(request, course_id: int):
    course = get_object_or_404(
        CoursePage.objects.live().select_related("quiz"), pk=course_id
    )
    enrollment = Enrollment.objects.filter(user=request.user, course=course).first()
    if enrollment is None:
        messages.info(request, course_services.NOT_ENROLLED)
        return redirect(course.url)
    if course.quiz is None:
        messages.info(request, course_services.QUIZ_MISSING)
        return redirect(course.url)
    rules = selectors.attempt_rules(
        user=request.user,
        quiz=course.quiz,
        course=course,
        since=enrollment.cycle_started_at,
    )
    return render(
        request,
        "quizzes/history.html",
        {
            "course": course,
            "quiz": course.quiz,
            "rules": rules,
            "earlier": selectors.earlier_attempts(
                user=request.user,
                quiz=course.quiz,
                course=course,
                before=enrollment.cycle_started_at,
            ),
        },
    )
