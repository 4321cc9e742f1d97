"""Attempts: start, autosave, submit and grade. Grading happens here, on the
server, only, and on the attempt's own snapshot."""

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from content import scenarios
from content.translation import language_of, locale_for
from lms.audit import log

from . import grading, signals
from .models import Answer, Attempt, Question, Quiz
from .selectors import attempt_rules

UNKNOWN_QUESTION = _(
    "La risposta riguarda una domanda che non fa parte di questo tentativo."
)
UNKNOWN_OPTION = _("Una delle risposte inviate non appartiene alla sua domanda.")
ONE_OPTION_ONLY = _("Per questa domanda puoi scegliere una sola risposta.")
TEXT_TOO_LONG = _("La risposta breve può avere al massimo 500 caratteri.")
EMPTY_QUIZ = _("Questo quiz non ha domande.")
QUIZ_NOT_PUBLISHED = _("Questo quiz non è ancora disponibile.")
ATTEMPT_CLOSED = _("Questo tentativo è già stato consegnato.")
TIME_UP = _(
    "Il tempo a disposizione è scaduto: la risposta non è stata salvata. Il "
    "tentativo viene valutato con le risposte salvate fino alla scadenza."
)
NO_ATTEMPTS_LEFT = _("Hai esaurito i tentativi disponibili per questo quiz.")
WAIT_BEFORE_RETRY = _("Puoi iniziare un nuovo tentativo dal {time}.")
SCENARIO_NOT_NOW = _(
    "Questa risposta non è tra quelle del punto in cui è arrivata la "
    "conversazione: ecco a che punto sei."
)

CHOICE_KINDS = {"single", "true_false", "scenario", "multiple"}
MAX_TEXT = 500
_random = secrets.SystemRandom()


def grace() -> timedelta:
    """Slack after the time limit for a submit already on its way."""
    return timedelta(seconds=getattr(settings, "LMS_QUIZ_GRACE_SECONDS", 30))


def attempt_time_is_up(attempt: Attempt, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace()


def attempt_deadline_reached(attempt: Attempt, now: datetime | None = None) -> bool:
    """The time limit is over, grace or not: a hand-in is graded at once, with
    no question asked of the learner, whose time the grace is not."""
    now = now or timezone.now()
    return attempt.deadline is not None and now >= attempt.deadline


def quiz_questions(
    *,
    quiz: Quiz,
    seen: frozenset[int] = frozenset(),
    topics: frozenset[int] | None = None,
) -> list[Question]:
    """The questions a new attempt shows, in order: the fixed ones, then the
    random draws per topic (never a question twice), shuffled if asked. Only
    published questions, in their live version: a draft is nobody's question
    until a lead trainer approves it. `seen`: the questions of the learner's
    previous attempt; a draw takes other questions of the topic first, so a
    retry is a new test, not the same one again. `topics`: only the questions
    of these topics (a policy review asks about the module that changed),
    unless none of the quiz's questions has one of them."""
    fixed, draws, pool = _quiz_definition(quiz)
    chosen = list(fixed)
    if draws:
        taken = {q.pk for q in chosen}
        for draw in draws:
            candidates = [q for q in pool.get(draw.topic_id, []) if q.pk not in taken]
            fresh = [q for q in candidates if q.pk not in seen]
            again = [q for q in candidates if q.pk in seen]
            picked = _random.sample(fresh, min(draw.count, len(fresh)))
            missing = draw.count - len(picked)
            if missing > 0:
                picked += _random.sample(again, min(missing, len(again)))
            taken.update(q.pk for q in picked)
            chosen.extend(picked)
    chosen = [q for q in chosen if q.options.all() or q.scenario_graph]
    if topics:
        chosen = [q for q in chosen if q.topic_id in topics] or chosen
    if quiz.shuffle_questions:
        _random.shuffle(chosen)
    return chosen


def _quiz_definition(quiz: Quiz):
    """The fixed questions, the draws and the questions they draw from, with
    their options, in a fixed number of queries."""
    fixed = [
        item.question
        for item in quiz.items.filter(question__live=True)
        .select_related("question")
        .prefetch_related("question__options")
        .order_by("sort_order", "pk")
    ]
    draws = list(quiz.draws.order_by("sort_order", "pk"))
    pool: dict[int, list[Question]] = {}
    if draws:
        # Draws take originals only: a question's translation is the same
        # question, shown to who reads its language (`_shown_questions`).
        for question in Question.objects.filter(
            topic_id__in={d.topic_id for d in draws},
            live=True,
            locale_id=quiz.locale_id,
        ).prefetch_related("options"):
            pool.setdefault(question.topic_id, []).append(question)
    return fixed, draws, pool


def _structure(question: Question) -> tuple:
    """What grading reads of a question besides its words: its type, which
    options are right, and a scenario's steps and endings."""
    graph = question.scenario_graph
    steps = tuple(
        (step["key"], tuple((c["next"], c["ending"]) for c in step["choices"]))
        for step in (graph or {}).get("steps", [])
    )
    return (
        question.kind,
        tuple(option.is_correct for option in question.options.all()),
        steps,
    )


def _shown_questions(questions: list[Question], user) -> dict[int, Question]:
    """The live translation of each question in the learner's language, by
    the original's id, where it has one with the same structure (one query,
    none for a reader of the original's language). The attempt is the
    original's; only the words the learner reads come from the translation,
    so an English attempt is graded exactly like an Italian one."""
    if not questions:
        return {}
    locale = locale_for(language_of(user))
    if locale is None or locale.pk == questions[0].locale_id:
        return {}
    originals = {q.translation_key: q for q in questions}
    shown = {}
    for translated in Question.objects.filter(
        translation_key__in=originals, locale=locale, live=True
    ).prefetch_related("options"):
        original = originals[translated.translation_key]
        if _structure(translated) == _structure(original):
            shown[original.pk] = translated
    return shown


def _snapshot(
    question: Question, *, shuffle: bool, shown: Question | None = None
) -> dict:
    """The question as the attempt keeps it. `shown`: its translation in the
    learner's language (same structure), whose words replace the original's;
    ids, right answers and topic stay the original's."""
    words = shown or question
    texts = list(words.options.all())
    options = [
        {
            "id": option.pk,
            "key": secrets.token_hex(4),
            "text": texts[rank].text,
            "correct": option.is_correct,
            "feedback": texts[rank].feedback,
            "match": texts[rank].match,
            "rank": rank,
        }
        for rank, option in enumerate(question.options.all())
    ]
    kind = question.kind
    if kind in (Question.Kind.ORDERING, Question.Kind.MATCHING) or (
        shuffle and kind in CHOICE_KINDS
    ):
        _random.shuffle(options)
        if kind == Question.Kind.ORDERING and len(options) > 1:
            # Shown in the right order the question would answer itself.
            while [o["rank"] for o in options] == sorted(o["rank"] for o in options):
                _random.shuffle(options)
    snapshot = {
        "options": options,
        "scenario": words.scenario,
        "dialogue": words.dialogue_lines,
        "explanation": words.explanation,
        "partial": question.partial_credit,
        "topic": question.topic_id,
    }
    graph = words.scenario_graph
    if graph is not None:
        snapshot["options"] = []
        snapshot["graph"] = _graph_snapshot(graph, shuffle=shuffle)
    if kind == Question.Kind.MATCHING:
        # Matches get keys of their own: sharing the item's key would pair them.
        for option in options:
            option["mkey"] = secrets.token_hex(4)
        keys = [o["mkey"] for o in options]
        _random.shuffle(keys)
        snapshot["match_keys"] = keys
    return snapshot


def question_snapshot(*, question: Question) -> dict:
    """A question as an attempt would show it, options in their written order:
    the trainer's preview."""
    return _snapshot(question, shuffle=False)


def _graph_snapshot(graph: dict, *, shuffle: bool) -> dict:
    """The scenario as the attempt will play and grade it: replies get random
    keys (the page names them, so nothing hints at the best one), audio keeps
    its URL, and with shuffling each step's replies change places."""
    for step in graph["steps"]:
        for choice in step["choices"]:
            choice["key"] = secrets.token_hex(4)
        if shuffle:
            _random.shuffle(step["choices"])
    return graph


@transaction.atomic(savepoint=False)
def attempt_start(
    *,
    user,
    quiz: Quiz,
    course,
    now: datetime | None = None,
    since: datetime | None = None,
    purpose: str = "",
    topics: frozenset[int] | None = None,
) -> Attempt:
    """Start an attempt, or return the open one: a learner has at most one open
    attempt per quiz and purpose, and reopening the quiz resumes it.

    The questions, options and their order are fixed here, in the answers'
    snapshots, for the whole life of the attempt. `since`: the start of the
    learner's current cycle in the course; the attempt limit and the waiting
    time count only the attempts made since then. `purpose`: what the attempt
    is for (`Attempt.purpose`); attempts of another purpose count for nothing.
    """
    # One read serves both: an open attempt (of any cycle) is resumed, and the
    # rules count this cycle's attempts.
    attempts = list(
        Attempt.objects.filter(
            user=user, quiz=quiz, course=course, purpose=purpose
        ).order_by("-started_at", "-pk")
    )
    existing = next((a for a in attempts if a.is_open), None)
    if existing is not None:
        return existing
    if not quiz.live:
        raise ValidationError(QUIZ_NOT_PUBLISHED)
    rules = attempt_rules(
        user=user, quiz=quiz, course=course, now=now, since=since, attempts=attempts
    )
    if rules.attempts_left == 0:
        raise ValidationError(NO_ATTEMPTS_LEFT)
    if rules.next_opens_at is not None:
        local = timezone.localtime(rules.next_opens_at)
        raise ValidationError(
            str(WAIT_BEFORE_RETRY).format(time=date_format(local, "j F Y, H:i"))
        )
    previous = attempts[0] if attempts else None
    seen = frozenset(
        previous.answers.exclude(question=None).values_list("question_id", flat=True)
        if previous is not None
        else ()
    )
    questions = quiz_questions(quiz=quiz, seen=seen, topics=topics)
    if not questions:
        raise ValidationError(EMPTY_QUIZ)
    shown = _shown_questions(questions, user)
    now = now or timezone.now()
    deadline = (
        now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        # Two tabs opening the quiz at once: the partial unique constraint lets
        # one attempt in; the other request resumes it.
        with transaction.atomic():
            attempt = Attempt(
                user=user,
                quiz=quiz,
                course=course,
                started_at=now,
                pass_mark=quiz.pass_mark,
                rules={name: getattr(quiz, name) for name in Attempt.RULES},
                quiz_revision_id=quiz.live_revision_id,
                deadline=deadline,
                purpose=purpose,
            )
            attempt.full_clean(exclude=["user", "quiz", "course"])
            attempt.save()
    except IntegrityError:
        return Attempt.objects.get(
            user=user,
            quiz=quiz,
            course=course,
            purpose=purpose,
            state__in=Attempt.OPEN_STATES,
        )
    Answer.objects.bulk_create(
        Answer(
            attempt=attempt,
            question=question,
            position=position,
            kind=question.kind,
            question_text=shown.get(question.pk, question).text,
            snapshot=_snapshot(
                question, shuffle=quiz.shuffle_options, shown=shown.get(question.pk)
            ),
        )
        for position, question in enumerate(questions, start=1)
    )
    log(
        instance=attempt,
        action="lms.attempt.start",
        user=user,
        data={
            "quiz": quiz.title,
            "course": course.title,
            "questions": len(questions),
            "pass_mark": attempt.pass_mark,
            "quiz_revision": attempt.quiz_revision_id,
        },
    )
    return attempt


def _clean_response(answer: Answer, raw):
    """The stored form of one raw answer, or ValidationError if it names
    anything the attempt did not show."""
    keys = {o["key"] for o in answer.options}
    kind = answer.kind
    if raw in (None, "", [], {}):
        return None
    if kind == "branching":
        # A whole path, as the demo and the tests give it; the quiz page adds
        # one reply at a time through attempt_scenario_choose.
        path = [raw] if isinstance(raw, str) else list(raw)
        if not scenarios.walk(answer.snapshot.get("graph", {"steps": []}), path).valid:
            raise ValidationError(UNKNOWN_OPTION)
        return path
    if kind in CHOICE_KINDS:
        chosen = [raw] if isinstance(raw, str) else list(raw)
        if not all(isinstance(k, str) and k in keys for k in chosen):
            raise ValidationError(UNKNOWN_OPTION)
        chosen = sorted(set(chosen))
        if kind != "multiple" and len(chosen) > 1:
            raise ValidationError(ONE_OPTION_ONLY)
        return chosen
    if kind == "short_text":
        text = " ".join(str(raw).split())
        if len(text) > MAX_TEXT:
            raise ValidationError(TEXT_TOO_LONG)
        return text or None
    if not isinstance(raw, Mapping):
        raise ValidationError(UNKNOWN_OPTION)
    cleaned = {}
    for key, value in raw.items():
        if key not in keys or value in (None, ""):
            if key not in keys:
                raise ValidationError(UNKNOWN_OPTION)
            continue
        if kind == "ordering":
            try:
                position = int(value)
            except (TypeError, ValueError):
                raise ValidationError(UNKNOWN_OPTION) from None
            if not 1 <= position <= len(keys):
                raise ValidationError(UNKNOWN_OPTION)
            cleaned[key] = position
        else:
            if value not in answer.snapshot.get("match_keys", []):
                raise ValidationError(UNKNOWN_OPTION)
            cleaned[key] = value
    return cleaned or None


def _store(
    attempt: Attempt, responses: Mapping[int, object], *, write: bool = True
) -> list[Answer]:
    """Store the responses; returns every answer of the attempt, as stored.
    With write=False the caller writes them, with its own changes."""
    answers = list(attempt.answers.all())
    by_position = {a.position: a for a in answers}
    if set(responses) - set(by_position):
        raise ValidationError(UNKNOWN_QUESTION)
    changed = []
    for position, raw in responses.items():
        answer = by_position[position]
        answer.response = _clean_response(answer, raw)
        changed.append(answer)
    if changed and write:
        Answer.objects.bulk_update(changed, ["response"])
    return answers


def _locked(attempt: Attempt) -> Attempt:
    # Lock the attempt only, not the quiz or course rows every learner shares.
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "course", "user")
        .get(pk=attempt.pk)
    )


@transaction.atomic
def attempt_save(
    *, attempt: Attempt, responses: Mapping[int, object], now: datetime | None = None
) -> Attempt:
    """Save answers as the learner goes (autosave, page changes).

    responses: {position: raw answer}. Refused as a whole when the attempt is
    closed, its time is up, or an answer names a question or option it did not
    show.
    """
    attempt = _locked(attempt)
    if not attempt.is_open:
        raise ValidationError(ATTEMPT_CLOSED)
    if attempt_time_is_up(attempt, now):
        raise ValidationError(TIME_UP)
    _store(attempt, responses)
    if attempt.state == Attempt.State.STARTED:
        attempt.state = Attempt.State.IN_PROGRESS
        attempt.save(update_fields=["state"])
    return attempt


@transaction.atomic
def attempt_scenario_choose(
    *, attempt: Attempt, position: int, choice_key: str, now: datetime | None = None
) -> Answer:
    """Add the learner's reply to a branching scenario of an open attempt.

    Replies are final, as in a call: only a reply of the step the conversation
    has reached is taken (SCENARIO_NOT_NOW otherwise, for a page left behind).
    The path is the answer's response; grading follows it to its ending.
    """
    attempt = _locked(attempt)
    if not attempt.is_open:
        raise ValidationError(ATTEMPT_CLOSED)
    if attempt_time_is_up(attempt, now):
        raise ValidationError(TIME_UP)
    answer = attempt.answers.filter(position=position, kind="branching").first()
    if answer is None:
        raise ValidationError(UNKNOWN_QUESTION)
    path = list(answer.response or [])
    walk = scenarios.walk(answer.snapshot.get("graph", {"steps": []}), path)
    if walk.current is None or choice_key not in {
        choice["key"] for choice in walk.current["choices"]
    }:
        raise ValidationError(SCENARIO_NOT_NOW)
    answer.response = [*path, choice_key]
    answer.save(update_fields=["response"])
    if attempt.state == Attempt.State.STARTED:
        attempt.state = Attempt.State.IN_PROGRESS
        attempt.save(update_fields=["state"])
    return answer


@transaction.atomic(savepoint=False)
def attempt_submit(
    *,
    attempt: Attempt,
    responses: Mapping[int, object] | None = None,
    now: datetime | None = None,
) -> Attempt:
    """Submit and grade an attempt exactly once.

    The attempt row is locked, so a second submit sent at the same moment waits
    and then finds it graded, and gets it back unchanged. After the time limit
    (plus the grace period) the answers sent with the submit are ignored and the
    attempt is graded with what was saved in time; `expired` says so.
    Unanswered questions earn nothing.
    """
    attempt = _locked(attempt)
    if not attempt.is_open:
        return attempt
    now = now or timezone.now()
    answers = None
    fields = ["credit", "is_correct"]
    if attempt_time_is_up(attempt, now):
        attempt.expired = True
    elif responses:
        # Written below with the grades, in one statement.
        answers = _store(attempt, responses, write=False)
        fields.append("response")
    if answers is None:
        answers = list(attempt.answers.all())
    # Submitted and graded in one write: the row is locked, so nobody could see
    # the state in between.
    attempt.submitted_at = now
    for answer in answers:
        answer.credit = grading.grade(answer.kind, answer.snapshot, answer.response)
        answer.is_correct = answer.credit == grading.ONE
    Answer.objects.bulk_update(answers, fields)
    attempt.score = grading.percent([a.credit for a in answers], len(answers))
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.state = Attempt.State.GRADED
    attempt.graded_at = now
    attempt.full_clean(exclude=["user", "quiz", "course"])
    attempt.save(
        update_fields=[
            "score",
            "passed",
            "state",
            "graded_at",
            "submitted_at",
            "expired",
        ]
    )
    log(
        instance=attempt,
        action="lms.attempt.pass" if attempt.passed else "lms.attempt.fail",
        user=attempt.user,
        data={
            "quiz": attempt.quiz.title,
            "course": attempt.course.title,
            "score": str(attempt.score),
            "pass_mark": attempt.pass_mark,
            "correct": sum(a.is_correct for a in answers),
            "questions": len(answers),
            # Handed in knowingly (the learner confirmed) or at the time limit.
            "unanswered": sum(not a.is_answered for a in answers),
            "expired": attempt.expired,
        },
    )
    signals.attempt_graded.send_on_commit(sender="quizzes", attempt=attempt)
    return attempt
