"""Reads for the quiz pages: the attempt rules, what a learner may review, the
attempt history. Each is a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from content import scenarios

from .models import Attempt, Question, Quiz


@dataclass
class AttemptRules:
    """Where a learner stands with a quiz in a course."""

    quiz: Quiz
    attempts: list[Attempt]  # graded, newest first
    open_attempt: Attempt | None
    attempts_left: int | None  # None: unlimited
    next_opens_at: datetime | None  # inside the waiting time: when it ends
    passed: bool

    @property
    def used(self) -> int:
        return len(self.attempts)

    @property
    def counting_attempt(self) -> Attempt | None:
        """The attempt whose score counts, by the quiz's rule."""
        if not self.attempts:
            return None
        if self.quiz.counts == Quiz.Counts.LAST:
            return self.attempts[0]
        return max(self.attempts, key=lambda a: (a.score, a.submitted_at))

    @property
    def can_start(self) -> bool:
        return self.attempts_left != 0 and self.next_opens_at is None


def attempt_rules(
    *,
    user,
    quiz: Quiz,
    course,
    now: datetime | None = None,
    since: datetime | None = None,
    attempts: list[Attempt] | None = None,
    purpose: str = "",
):
    """The learner's standing with the quiz. `since` is when the learner's
    current cycle in the course began (a renewal taken again): attempts started
    before it are history and count for nothing here. `attempts`: all of the
    learner's attempts at this quiz in this course, newest first, when the
    caller has just read them."""
    now = now or timezone.now()
    if attempts is None:
        attempts = list(
            Attempt.objects.filter(
                user=user, quiz=quiz, course=course, purpose=purpose
            ).order_by("-started_at", "-pk")
        )
    rows = [a for a in attempts if since is None or a.started_at >= since]
    done = [a for a in rows if not a.is_open]
    open_attempt = next((a for a in rows if a.is_open), None)
    left = None
    if quiz.max_attempts:
        left = max(quiz.max_attempts - len(done), 0)
    next_opens_at = None
    if done and quiz.wait_minutes:
        last = max(a.submitted_at or a.started_at for a in done)
        opens = last + timedelta(minutes=quiz.wait_minutes)
        if opens > now:
            next_opens_at = opens
    return AttemptRules(
        quiz=quiz,
        attempts=[a for a in done if a.is_graded],
        open_attempt=open_attempt,
        attempts_left=left,
        next_opens_at=next_opens_at,
        passed=any(a.passed for a in done),
    )


def earlier_attempts(
    *, user, quiz: Quiz, course, before: datetime | None, purpose: str = ""
):
    """Graded attempts of earlier cycles (before `before`), newest first: the
    history a renewal taken again keeps. None before the first restart."""
    if before is None:
        return []
    return list(
        Attempt.objects.filter(
            user=user,
            quiz=quiz,
            course=course,
            purpose=purpose,
            state=Attempt.State.GRADED,
            started_at__lt=before,
        ).order_by("-started_at", "-pk")
    )


def unanswered_positions(*, attempt: Attempt) -> list[int]:
    """The questions of the attempt with no saved answer, by position (the
    number the learner reads beside each), in one query."""
    return [
        answer.position
        for answer in attempt.answers.only("position", "response", "attempt_id")
        if not answer.is_answered
    ]


@dataclass
class Review:
    """What the learner may see of a graded attempt, by the quiz's settings."""

    available: bool
    when: str = ""
    answers: bool = False
    correctness: bool = False
    right_answers: bool = False
    feedback: bool = False


def review_for(*, attempt: Attempt, rules: AttemptRules) -> Review:
    """What the learner may see of the attempt, by the review rules the attempt
    was started under (a change published since does not reach it)."""
    when = attempt.rule("review_when")
    if not attempt.is_graded:
        return Review(available=False, when=when)
    if when == Quiz.ReviewWhen.AFTER_PASSING:
        available = rules.passed
    elif when == Quiz.ReviewWhen.AFTER_LAST:
        available = rules.passed or rules.attempts_left == 0
    else:
        available = True
    if not available:
        return Review(available=False, when=when)
    # Whatever the settings, the right answers wait while the learner can
    # still try again: a review that gives the key away makes the next attempt
    # a copy, not a test. (The comment shown is the chosen option's own.)
    final = rules.passed or rules.attempts_left == 0
    return Review(
        available=True,
        when=when,
        answers=attempt.rule("review_answers"),
        correctness=attempt.rule("review_correctness"),
        right_answers=attempt.rule("review_right_answers") and final,
        feedback=attempt.rule("review_feedback"),
    )


@dataclass
class AskedQuestion:
    """The question as the attempt asked it, read from the answer's snapshot:
    what both the quiz page and the review show above the answer."""

    position: int
    kind: str
    text: str
    scenario: str = ""
    dialogue: list = field(default_factory=list)

    @classmethod
    def of(cls, answer):
        return cls(
            position=answer.position,
            kind=answer.kind,
            text=answer.question_text,
            scenario=answer.snapshot.get("scenario", ""),
            dialogue=answer.snapshot.get("dialogue", []),
        )


@dataclass
class ReviewOption:
    text: str
    chosen: bool = False
    correct: bool = False
    feedback: str = ""


@dataclass
class ReviewItem(AskedQuestion):
    """One answer, reduced to what the review allows: nothing else reaches the
    template."""

    verdict: str = ""  # correct / partial / wrong, when correctness is shown
    options: list[ReviewOption] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    explanation: str = ""
    # Branching scenarios: the conversation as played, its ending, the best path.
    turns: list[dict] = field(default_factory=list)
    ending: str = ""
    ending_label: str = ""


def _review_item(answer, review: Review) -> ReviewItem:
    snapshot = answer.snapshot
    item = ReviewItem.of(answer)
    if review.correctness:
        if answer.is_correct:
            item.verdict = "correct"
        elif answer.credit > 0:
            item.verdict = "partial"
        else:
            item.verdict = "wrong"
    if review.feedback:
        item.explanation = snapshot.get("explanation", "")
    options = answer.options
    response = answer.response
    kind = answer.kind
    if kind in ("single", "multiple", "true_false", "scenario"):
        chosen = set(response or [])
        for option in options:
            is_chosen = option["key"] in chosen and review.answers
            if not (review.answers or review.right_answers):
                continue
            item.options.append(
                ReviewOption(
                    text=option["text"],
                    chosen=is_chosen,
                    correct=review.right_answers and option["correct"],
                    feedback=option["feedback"]
                    if review.feedback and (is_chosen or review.right_answers)
                    else "",
                )
            )
    elif kind == "short_text":
        if review.answers:
            item.given = [response] if response else []
        if review.right_answers:
            item.right = [o["text"] for o in options]
    elif kind == "ordering":
        texts = {o["key"]: o["text"] for o in options}
        if review.answers and isinstance(response, dict):
            item.given = [
                texts[k] for k, _ in sorted(response.items(), key=lambda kv: kv[1])
            ]
        if review.right_answers:
            item.right = [o["text"] for o in sorted(options, key=lambda o: o["rank"])]
    elif kind == "branching":
        graph = snapshot.get("graph") or {"steps": []}
        walk = scenarios.walk(graph, response if isinstance(response, list) else [])
        if review.answers:
            item.turns = [
                {
                    "customer": exchange.step["customer"],
                    "reply": exchange.choice["text"],
                    "reaction": exchange.choice["reaction"],
                    "coach": exchange.choice["coach"] if review.feedback else "",
                }
                for exchange in walk.exchanges
            ]
        if review.correctness and walk.ended:
            item.ending = walk.ending
            item.ending_label = scenarios.rating_label(walk.ending)
        if review.right_answers:
            best = scenarios.walk(graph, scenarios.best_path(graph))
            item.right = [exchange.choice["text"] for exchange in best.exchanges]
    elif kind == "matching":
        matches = {o.get("mkey"): o["match"] for o in options}
        if review.answers and isinstance(response, dict):
            item.given = [
                f"{o['text']} → {matches.get(response.get(o['key']), '—')}"
                for o in options
            ]
        if review.right_answers:
            item.right = [f"{o['text']} → {o['match']}" for o in options]
    return item


def attempt_review(*, attempt: Attempt, review: Review) -> list[ReviewItem]:
    if not review.available:
        return []
    return [_review_item(answer, review) for answer in attempt.answers.all()]


def attempt_answer_key(*, attempt: Attempt) -> dict[int, object]:
    """The right response to every question of an attempt, in the shape
    `attempt_submit` takes. Never shown to learners: the demo uses it to certify
    its colleagues, and tests to pass a quiz without the pages."""
    responses = {}
    for answer in attempt.answers.all():
        options = answer.snapshot["options"]
        if answer.kind == "short_text":
            responses[answer.position] = options[0]["text"]
        elif answer.kind == "ordering":
            responses[answer.position] = {o["key"]: o["rank"] + 1 for o in options}
        elif answer.kind == "matching":
            responses[answer.position] = {o["key"]: o["mkey"] for o in options}
        elif answer.kind == "branching":
            graph = answer.snapshot["graph"]
            walk = scenarios.walk(graph, scenarios.best_path(graph))
            responses[answer.position] = [e.choice["key"] for e in walk.exchanges]
        else:
            responses[answer.position] = [o["key"] for o in options if o["correct"]]
    return responses


def quizzes_asking(*, question_ids) -> list[int]:
    """The live quizzes that may ask one of these questions, or a translation
    of one (the learner reads the translation's words and hears its
    recordings): as a fixed question, or drawn from its topic by a quiz of its
    language. Only published questions count, as only they are asked. Two
    queries."""
    asked = list(
        Question.objects.filter(
            translation_key__in=Question.objects.filter(
                pk__in=question_ids, live=True
            ).values("translation_key"),
            live=True,
        ).values_list("pk", "topic_id", "locale_id")
    )
    if not asked:
        return []
    where = Q(items__question_id__in=[pk for pk, _topic, _locale in asked])
    for topic_id, locale_id in {(t, loc) for _pk, t, loc in asked if t is not None}:
        where |= Q(draws__topic_id=topic_id, locale_id=locale_id)
    return list(
        Quiz.objects.filter(where, live=True).values_list("pk", flat=True).distinct()
    )
