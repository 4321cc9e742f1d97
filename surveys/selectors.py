"""Reads of the survey results for the admin, per course and per trainer, in a
fixed number of queries whatever the number of answers."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from people.models import User

from .models import RATING_MAX, RATING_MIN, Survey, SurveyResponse

BAR_WIDTH = 300  # the chart's bar area, in SVG units


@dataclass
class Bar:
    value: int
    count: int
    percent: int
    width: int  # SVG units
    y: int


@dataclass
class RatingResult:
    text: str
    answers: int
    average: float | None
    bars: list[Bar]


@dataclass
class Comment:
    text: str
    context: str
    day: object
    name: str  # empty for an anonymous survey


@dataclass
class TextResult:
    text: str
    comments: list[Comment] = field(default_factory=list)


@dataclass
class SurveyResult:
    survey: Survey
    responses: int
    ratings: list[RatingResult]
    texts: list[TextResult]


def _bars(counts: dict[int, int], total: int) -> list[Bar]:
    biggest = max(counts.values(), default=0)
    return [
        Bar(
            value=value,
            count=counts.get(value, 0),
            percent=round(100 * counts.get(value, 0) / total) if total else 0,
            width=round(BAR_WIDTH * counts.get(value, 0) / biggest) if biggest else 0,
            y=(value - RATING_MIN) * 28,
        )
        for value in range(RATING_MIN, RATING_MAX + 1)
    ]


def responses_for(*, course_id=None, trainer_id=None) -> QuerySet[SurveyResponse]:
    responses = SurveyResponse.objects.all()
    if course_id:
        responses = responses.filter(course_id=course_id)
    if trainer_id:
        responses = responses.filter(trainer_id=trainer_id)
    return responses


def survey_results(*, course_id=None, trainer_id=None) -> list[SurveyResult]:
    """Per survey answered (the courses or trainers asked for): each rating
    question's distribution and average, and each free-text question's
    comments, newest first. Questions come from the survey as it is now, and
    answers to a question since removed from it are still counted under the
    words they were asked with. An anonymous survey's comments carry no name.
    Two queries."""
    rows = list(
        responses_for(course_id=course_id, trainer_id=trainer_id)
        .select_related("survey", "user")
        .order_by("-answered_on", "-pk")
    )
    by_survey: dict[int, list[SurveyResponse]] = {}
    for response in rows:
        by_survey.setdefault(response.survey_id, []).append(response)
    results = []
    for responses in by_survey.values():
        survey = responses[0].survey
        asked = {}
        for block in survey.questions:
            asked[block.id] = {"kind": block.block_type, "text": str(block.value)}
        for response in reversed(responses):
            for key, question in response.questions.items():
                asked.setdefault(key, question)
        ratings, texts = [], []
        for key, question in asked.items():
            if question["kind"] == "rating":
                values = [
                    r.answers[key]
                    for r in responses
                    if isinstance(r.answers.get(key), int)
                ]
                counts = {v: values.count(v) for v in set(values)}
                ratings.append(
                    RatingResult(
                        text=question["text"],
                        answers=len(values),
                        average=round(sum(values) / len(values), 2) if values else None,
                        bars=_bars(counts, len(values)),
                    )
                )
            else:
                texts.append(
                    TextResult(
                        text=question["text"],
                        comments=[
                            Comment(
                                text=r.answers[key],
                                context=r.context_label,
                                day=None if survey.anonymous else r.answered_on,
                                name=""
                                if survey.anonymous or r.user is None
                                else r.user.full_name,
                            )
                            for r in responses
                            if r.answers.get(key)
                        ],
                    )
                )
        results.append(
            SurveyResult(
                survey=survey, responses=len(responses), ratings=ratings, texts=texts
            )
        )
    results.sort(key=lambda result: result.survey.title)
    return results


def trainers_with_responses() -> QuerySet[User]:
    return User.objects.filter(
        pk__in=SurveyResponse.objects.exclude(trainer=None).values("trainer_id")
    ).order_by("last_name", "first_name")
