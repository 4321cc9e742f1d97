from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import CoursePage, Enrollment

from .forms import QuizForm
from .models import Attempt
from .services import quiz_questions


class QuizView(LoginRequiredMixin, View):
    """Take a course's final quiz.

    Shaped like Wagtail's FormMixin: `get_form_class → get_form →
    process_attempt → render_result`, each small enough to override.
    """

    template_name = "quizzes/quiz.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.course = get_object_or_404(
            CoursePage.objects.live(), pk=kwargs["course_id"]
        )
        self.enrollment = Enrollment.objects.filter(
            user=request.user, course=self.course
        ).first()
        if self.enrollment is None:
            messages.info(request, course_services.NOT_ENROLLED)
            return redirect(self.course.url)
        state = course_selectors.enrollment_progress(
            enrollment=self.enrollment
        ).quiz_state
        if state != course_selectors.QuizState.OPEN:
            messages.info(request, self.closed_message(state))
            return redirect(self.course.url)
        self.questions = quiz_questions(quiz=self.course.quiz)
        return super().dispatch(request, *args, **kwargs)

    def closed_message(self, state):
        return {
            course_selectors.QuizState.MISSING: course_services.QUIZ_MISSING,
            course_selectors.QuizState.LOCKED: course_services.QUIZ_LOCKED,
            course_selectors.QuizState.PASSED: course_services.ALREADY_CERTIFIED,
        }[state]

    def get_form_class(self):
        return QuizForm

    def get_form(self, data=None):
        return self.get_form_class()(data, questions=self.questions)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            attempt = self.process_attempt(form)
        except (ValidationError, PermissionDenied) as error:
            message = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else error
            )
            messages.error(request, message)
            return self.render_form(form, status=400)
        return self.render_result(attempt)

    def process_attempt(self, form) -> Attempt:
        return course_services.course_quiz_submit(
            user=self.request.user, course=self.course, answers=form.answers()
        )

    def render_result(self, attempt: Attempt):
        return redirect("quizzes:result", attempt_id=attempt.pk)

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"course": self.course, "quiz": self.course.quiz, "form": form},
            status=status,
        )


def attempt_result(request, attempt_id: int):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    # Only the learner's own attempts: another person's id is simply not found.
    attempt = get_object_or_404(
        Attempt.objects.select_related("course", "quiz").prefetch_related("answers"),
        pk=attempt_id,
        user=request.user,
    )
    progress = course_selectors.user_course_progress(
        user=request.user, course=attempt.course
    )
    return render(
        request,
        "quizzes/result.html",
        {"attempt": attempt, "course": attempt.course, "progress": progress},
    )
