import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import (
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST

from content.translation import present_one

from . import selectors, services
from .forms import question_view, responses_from_post
from .models import Attempt, Quiz

TIME_UP_GRADED = _(
    "Il tempo a disposizione è scaduto: il tentativo è stato valutato con le "
    "risposte salvate fino alla scadenza."
)
TIME_UP_SUBMIT = _(
    "Il tempo a disposizione è scaduto: consegna il quiz per vederne il "
    "risultato, valutato con le risposte salvate fino alla scadenza."
)
ALREADY_GRADED = _("Questo tentativo era già stato consegnato: ecco il risultato.")
SAVED = _("Risposte salvate.")
# The field of the "Consegna comunque" button: the learner hands in knowing
# that questions are left blank (and `?conferma=1` shows them the question).
CONFIRM = "conferma"
CONFIRM_VALUE = "senza-risposta"


def error_message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class AttemptView(LoginRequiredMixin, View):
    """Take a quiz: the rules and a start button, the attempt's pages, saving,
    submitting. The quiz engine knows nothing of what a quiz is for; a subclass
    says it, in small methods shaped like Wagtail's FormMixin:

    `get_quiz` → `get_rules` (the intro page) → `start_attempt` (on POST, never
    on GET: a link preview cannot start the timer) → `render_page` →
    `process_attempt` → `render_result`, plus `take_url` and `refused`.
    """

    template_name = "quizzes/quiz.html"
    intro_template_name = "quizzes/intro.html"

    # What a subclass says -------------------------------------------------

    def get_quiz(self) -> Quiz | None:
        raise ImproperlyConfigured("An AttemptView says which quiz it takes.")

    def get_rules(self):
        """The learner's standing with the quiz (`selectors.attempt_rules`)."""
        raise ImproperlyConfigured("An AttemptView says how attempts are counted.")

    def start_attempt(self) -> Attempt:
        raise ImproperlyConfigured("An AttemptView says how an attempt starts.")

    def process_attempt(self, attempt: Attempt, responses) -> Attempt:
        raise ImproperlyConfigured("An AttemptView says how an attempt ends.")

    def take_url(self) -> str:
        raise ImproperlyConfigured("An AttemptView says where its form posts.")

    def refused(self):
        """Where a refused start sends the learner; the message says why."""
        return redirect(self.take_url())

    def render_result(self, attempt: Attempt):
        raise ImproperlyConfigured("An AttemptView says where the result is shown.")

    def extra_context(self) -> dict:
        return {}

    # The engine ---------------------------------------------------------------

    def open_attempt(self) -> Attempt | None:
        """The learner's attempt in progress at this quiz, if any."""
        return (
            Attempt.objects.filter(
                user=self.request.user,
                quiz=self.get_quiz(),
                state__in=Attempt.OPEN_STATES,
                **self.attempt_filters(),
            )
            .select_related("quiz")
            .first()
        )

    def attempt_filters(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        attempt = self.open_attempt()
        if attempt is None:
            return self.render_intro()
        if services.attempt_time_is_up(attempt):
            messages.warning(request, TIME_UP_SUBMIT)
        return self.render_page(attempt)

    def render_intro(self):
        quiz = self.get_quiz()
        return render(
            self.request,
            self.intro_template_name,
            {
                "quiz": quiz,
                # The rules are the original's; the title in the reader's language.
                "title": present_one(quiz).title if quiz else "",
                "rules": self.get_rules(),
                "form_action": self.take_url(),
                **self.extra_context(),
            },
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "start":
            try:
                self.start_attempt()
            except (ValidationError, PermissionDenied) as error:
                messages.info(request, error_message(error))
                return self.refused()
            return redirect(self.take_url())
        attempt = self.open_attempt()
        if attempt is None:
            return redirect(self.take_url())
        answers = list(attempt.answers.all())
        try:
            responses = responses_from_post(answers, request.POST)
        except ValidationError as error:
            messages.error(request, error_message(error))
            return self.render_page(attempt, answers=answers, status=400)
        if "scenario" in request.POST:
            return self.reply_in_scenario(attempt, answers, responses)
        # A navigator button names a page, never "submit": jumping to a
        # question must not hand the quiz in.
        action = request.POST.get("action", "submit")
        if "goto" in request.POST:
            action = "goto"
        if request.POST.get(CONFIRM) == CONFIRM_VALUE:
            action = "submit"
        elif action == "submit" and not services.attempt_deadline_reached(attempt):
            # Handing in with questions left blank uses up an attempt: save
            # what was given and ask first (`check`). At the time limit there
            # is nothing left to ask: the clock hands it in.
            action = "check"
        if action == "submit":
            return self.finish(attempt, responses, answers=answers)
        try:
            attempt = services.attempt_save(attempt=attempt, responses=responses)
        except ValidationError as error:
            if services.attempt_time_is_up(attempt):
                return self.finish(attempt, None)
            messages.error(request, error_message(error))
            return self.render_page(attempt, answers=answers, status=400)
        pages = self.page_count(attempt, len(answers))
        page = self.page_number(request.POST.get("page"), pages)
        if action == "check":
            if not selectors.unanswered_positions(attempt=attempt):
                return self.finish(attempt, None, answers=answers)
            # After a redirect: reloading the page asks again, posts nothing.
            return redirect(f"{self.take_url()}?domanda={page}&{CONFIRM}=1")
        page += {"next": 1, "previous": -1}.get(action, 0)
        if action == "goto":
            page = request.POST.get("goto")
        page = self.page_number(page, pages)
        return redirect(f"{self.take_url()}?domanda={page}")

    def reply_in_scenario(self, attempt, answers, responses):
        """A reply in a branching scenario: the answers on the page are saved
        with it. The page's script gets the question as it now stands; without
        JavaScript the browser comes back to it."""
        request = self.request
        wants_json = "application/json" in request.headers.get("Accept", "")
        position, _sep, key = request.POST.get("scenario", "").partition(":")
        try:
            services.attempt_save(attempt=attempt, responses=responses)
            answer = services.attempt_scenario_choose(
                attempt=attempt,
                position=int(position) if position.isdigit() else 0,
                choice_key=key,
            )
        except ValidationError as error:
            if services.attempt_time_is_up(attempt):
                if wants_json:
                    return JsonResponse({"reload": self.take_url()}, status=409)
                return self.finish(attempt, None)
            if wants_json:
                payload = {"error": error_message(error)}
                shown = next((a for a in answers if str(a.position) == position), None)
                if shown is not None and shown.kind == "branching":
                    payload["html"] = self.question_html(shown)
                return JsonResponse(payload, status=400)
            messages.error(request, error_message(error))
            return self.render_page(attempt, answers=answers, status=400)
        if wants_json:
            return JsonResponse({"html": self.question_html(answer)})
        pages = self.page_count(attempt, len(answers))
        page = self.page_number(request.POST.get("page"), pages)
        return redirect(f"{self.take_url()}?domanda={page}#domanda-{answer.position}")

    def question_html(self, answer) -> str:
        return render_to_string(
            "quizzes/includes/question.html",
            {"question": question_view(answer)},
            request=self.request,
        )

    def finish(self, attempt, responses, answers=None):
        was_open = attempt.is_open
        try:
            attempt = self.process_attempt(attempt, responses)
        except (ValidationError, PermissionDenied) as error:
            messages.error(self.request, error_message(error))
            return self.render_page(attempt, answers=answers, status=400)
        if attempt.expired:
            messages.warning(self.request, TIME_UP_GRADED)
        elif not was_open:
            messages.info(self.request, ALREADY_GRADED)
        return self.render_result(attempt)

    @staticmethod
    def per_page(attempt: Attempt) -> int:
        """One question a page, or the site's page size: a long quiz on one
        page loses learners (and their place) on a phone. The layout is the
        one the attempt started under."""
        if attempt.rule("layout") == Quiz.Layout.ONE:
            return 1
        return max(1, settings.LMS_QUIZ_QUESTIONS_PER_PAGE)

    @classmethod
    def page_count(cls, attempt: Attempt, total: int) -> int:
        return max(1, math.ceil(total / cls.per_page(attempt)))

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
        size = self.per_page(attempt)
        pages = self.page_count(attempt, len(answers))
        page = self.page_number(
            self.request.POST.get("page") or self.request.GET.get("domanda"), pages
        )
        shown = answers[(page - 1) * size : page * size]
        questions = [question_view(a, data) for a in shown]
        # The navigator: every question, on which page, whether it has a saved
        # answer; the questions on this page are counted again by quiz.js as
        # the learner answers.
        navigator = [
            {
                "position": a.position,
                "number": number,
                "page": (number - 1) // size + 1,
                "answered": a.is_answered,
                "here": (number - 1) // size + 1 == page,
            }
            for number, a in enumerate(answers, start=1)
        ]
        has_branching = any(q.kind == "branching" for q in questions)
        # Asked to confirm a hand-in (see `post`): the questions still blank.
        unanswered = []
        if self.request.GET.get(CONFIRM) and not services.attempt_deadline_reached(
            attempt
        ):
            unanswered = [item for item in navigator if not item["answered"]]
        return render(
            self.request,
            self.template_name,
            {
                "form_action": self.take_url(),
                "autosave_url": reverse("quizzes:autosave", args=[attempt.pk]),
                "quiz": quiz,
                "title": present_one(quiz).title,
                "attempt": attempt,
                "questions": questions,
                "total": len(answers),
                "one_per_page": size == 1,
                "paged": pages > 1,
                "page": page,
                "pages": pages,
                "navigator": navigator,
                "answered": sum(item["answered"] for item in navigator),
                "answered_elsewhere": sum(
                    item["answered"] for item in navigator if not item["here"]
                ),
                "has_previous": page > 1,
                "has_next": page < pages,
                "grace_seconds": int(services.grace().total_seconds()),
                "has_branching": has_branching,
                "unanswered": unanswered,
                "confirm": {"name": CONFIRM, "value": CONFIRM_VALUE},
                **self.extra_context(),
            },
            status=status,
        )


@login_required
@require_POST
def autosave(request, attempt_id: int):
    """Save the answers the page holds, as the learner goes (called by
    quiz.js). Always JSON, never a 500; only the learner's own open attempt."""
    attempt = (
        Attempt.objects.filter(
            pk=attempt_id, user=request.user, state__in=Attempt.OPEN_STATES
        )
        .select_related("quiz")
        .first()
    )
    if attempt is None:
        return JsonResponse({"error": str(services.ATTEMPT_CLOSED)}, status=409)
    try:
        responses = responses_from_post(list(attempt.answers.all()), request.POST)
        services.attempt_save(attempt=attempt, responses=responses)
    except ValidationError as error:
        status = 409 if services.attempt_time_is_up(attempt) else 400
        return JsonResponse({"error": error_message(error)}, status=status)
    return JsonResponse({"saved": True, "message": str(SAVED)})
