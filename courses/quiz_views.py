"""A course's final quiz, taken through the quiz engine (`quizzes.views`): the
course decides when it opens, what passing it does and where its result is
shown; the engine does the rest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from content.translation import present, present_one, source_of
from quizzes import selectors as quiz_selectors
from quizzes.models import Attempt
from quizzes.views import AttemptView

from . import selectors, services
from .models import CoursePage, Enrollment


class CourseQuizView(AttemptView):
    """`/quiz/<course>/`: the course's final quiz, once its modules are done."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        course = CoursePage.objects.live().filter(pk=kwargs["course_id"]).first()
        if course is None:
            raise Http404
        # The quiz, its attempts and the enrolment are the original course's,
        # whichever language's page the learner came from.
        self.course = source_of(course)
        self.enrollment = Enrollment.objects.filter(
            user=request.user, course=self.course
        ).first()
        if self.enrollment is None:
            messages.info(request, services.NOT_ENROLLED)
            return redirect(self.course.url)
        return super().dispatch(request, *args, **kwargs)

    def get_quiz(self):
        # A quiz never published is not there yet for learners.
        quiz = self.course.quiz
        return quiz if quiz is not None and quiz.live else None

    def attempt_filters(self) -> dict:
        return {"course": self.course, "purpose": ""}

    def get_rules(self):
        return quiz_selectors.attempt_rules(
            user=self.request.user,
            quiz=self.get_quiz(),
            course=self.course,
            since=self.enrollment.cycle_started_at,
        )

    def extra_context(self) -> dict:
        return {"course": present_one(self.course)}

    def take_url(self) -> str:
        return reverse("courses:quiz", kwargs={"course_id": self.course.pk})

    def get(self, request, *args, **kwargs):
        if self.get_quiz() is None:
            messages.info(request, services.QUIZ_MISSING)
            return redirect(self.course.url)
        return super().get(request, *args, **kwargs)

    def render_intro(self):
        """No attempt is open (the engine has just looked): the course's gate
        says whether the quiz may be started at all."""
        state = selectors.enrollment_progress(
            enrollment=self.enrollment, requirements=False
        ).quiz_state
        if state == selectors.QuizState.LOCKED:
            messages.info(self.request, services.QUIZ_LOCKED)
            return redirect(self.course.url)
        if state == selectors.QuizState.PASSED:
            messages.info(self.request, services.ALREADY_CERTIFIED)
            return self.refused()
        return super().render_intro()

    def start_attempt(self):
        return services.course_quiz_start(user=self.request.user, course=self.course)

    def refused(self):
        if self.course.quiz_id and selectors.enrollment_progress(
            enrollment=self.enrollment, requirements=False
        ).quiz_state in (selectors.QuizState.OPEN, selectors.QuizState.PASSED):
            return redirect("courses:quiz_history", course_id=self.course.pk)
        return redirect(self.course.url)

    def process_attempt(self, attempt, responses):
        return services.course_quiz_submit(
            user=self.request.user,
            course=self.course,
            attempt=attempt,
            responses=responses,
        )

    def render_result(self, attempt):
        return redirect("courses:attempt_result", attempt_id=attempt.pk)


@login_required
def attempt_result(request, attempt_id: int):
    # Only the learner's own attempts: another person's id is simply not found.
    attempt = get_object_or_404(
        Attempt.objects.select_related("course", "quiz").prefetch_related("answers"),
        pk=attempt_id,
        user=request.user,
    )
    if attempt.is_open:
        return redirect("courses:quiz", course_id=attempt.course_id)
    progress = selectors.user_course_progress(user=request.user, course=attempt.course)
    enrollment = progress.enrollment
    # An attempt of the current cycle is judged by this cycle's attempts; one of
    # an earlier cycle (history) by the whole record.
    current = enrollment is not None and enrollment.in_cycle(attempt.started_at)
    since = enrollment.cycle_started_at if current else None
    rules = quiz_selectors.attempt_rules(
        user=request.user,
        quiz=attempt.quiz,
        course=attempt.course,
        since=since,
        purpose=attempt.purpose,
    )
    review = quiz_selectors.review_for(attempt=attempt, rules=rules)
    # A final quiz passed in this cycle with no certificate yet: the course's
    # pending steps (an observation, a session) are what the certificate waits
    # for, and the page says so rather than leaving the learner guessing.
    waiting_for = None
    if attempt.passed and current and not attempt.purpose and not progress.certificate:
        waiting_for = progress.pending_requirements
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "course": present_one(attempt.course),
            "progress": progress,
            "rules": rules,
            "review": review,
            "waiting_for": waiting_for,
            "items": quiz_selectors.attempt_review(attempt=attempt, review=review),
            "modules_to_review": (
                []
                if attempt.passed
                else present(selectors.modules_to_review(attempt=attempt))
            ),
            "can_retry": not rules.passed
            and rules.can_start
            and not attempt.purpose
            and attempt.course.quiz_id == attempt.quiz_id,
        },
    )


@login_required
def attempt_history(request, course_id: int):
    course = source_of(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    enrollment = Enrollment.objects.filter(user=request.user, course=course).first()
    if enrollment is None:
        messages.info(request, services.NOT_ENROLLED)
        return redirect(course.url)
    if course.quiz is None:
        messages.info(request, services.QUIZ_MISSING)
        return redirect(course.url)
    rules = quiz_selectors.attempt_rules(
        user=request.user,
        quiz=course.quiz,
        course=course,
        since=enrollment.cycle_started_at,
    )
    return render(
        request,
        "quizzes/history.html",
        {
            "title": _("I tuoi tentativi"),
            "course": present_one(course),
            "quiz": course.quiz,
            "rules": rules,
            "earlier": quiz_selectors.earlier_attempts(
                user=request.user,
                quiz=course.quiz,
                course=course,
                before=enrollment.cycle_started_at,
            ),
        },
    )
