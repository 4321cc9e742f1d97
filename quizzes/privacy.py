"""The quizzes' part of a person's personal data (see `people.signals`).

An answer's snapshot holds the question as the learner saw it together with
its answer key (which options are correct, their feedback, the explanation,
the right order and pairs). The export gives the learner what they saw and what
they answered, in words, and their score; never the key, which would hand out
the quiz to anyone who asks for their data.
"""

from django.dispatch import receiver

from people import signals as people_signals
from people.privacy import PersonalData, as_records

from .models import Answer, Attempt, Question

Kind = Question.Kind


def learner_view(answer: Answer) -> dict:
    """One answer as the learner saw and gave it, without the key."""
    options = answer.options
    texts = {o["key"]: o["text"] for o in options}
    response = answer.response
    shown: dict = {}
    if answer.kind == Kind.SHORT_TEXT:
        # The options of a short-text question are its accepted answers.
        given = response if isinstance(response, str) else ""
    elif answer.kind == Kind.ORDERING:
        shown["items"] = [o["text"] for o in options]
        values = response if isinstance(response, dict) else {}
        given = {texts[key]: value for key, value in values.items() if key in texts}
    elif answer.kind == Kind.MATCHING:
        matches = {o.get("mkey"): o.get("match") for o in options}
        shown["items"] = [o["text"] for o in options]
        shown["choices"] = [
            matches[key]
            for key in answer.snapshot.get("match_keys", [])
            if key in matches
        ]
        values = response if isinstance(response, dict) else {}
        given = {
            texts[key]: matches.get(value)
            for key, value in values.items()
            if key in texts
        }
    else:
        shown["options"] = [o["text"] for o in options]
        chosen = response if isinstance(response, list) else []
        given = [texts[key] for key in chosen if key in texts]
    return {
        "attempt": answer.attempt_id,
        "position": answer.position,
        "kind": answer.kind,
        "question": answer.question_text,
        "scenario": answer.snapshot.get("scenario") or "",
        "dialogue": answer.snapshot.get("dialogue") or [],
        **shown,
        "answer": given,
        "credit": answer.credit,
        "is_correct": answer.is_correct,
    }


@receiver(people_signals.personal_data_requested, dispatch_uid="quizzes_personal_data")
def export_attempts(sender, person, **kwargs) -> PersonalData:
    answers = Answer.objects.filter(attempt__user=person).order_by(
        "attempt_id", "position"
    )
    return PersonalData(
        records={
            "attempts": as_records(Attempt.objects.filter(user=person)),
            "answers": [learner_view(answer) for answer in answers.iterator()],
        }
    )
