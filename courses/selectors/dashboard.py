"""Reads for the trainer's admin dashboard: their drafts, and how each published
course is going. A fixed number of queries whatever the number of courses,
learners, attempts or drafts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, CharField, Count, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail.snippets.models import get_snippet_models

from content.translation import originals
from quizzes.analysis import quiz_analyses
from quizzes.models import Attempt

from ..models import CoursePage, Enrollment
from .progress import completing_certificates

HARDEST_SHOWN = 3
DRAFTS_SHOWN = 10


@dataclass
class HardQuestion:
    text: str
    right_percent: int  # the item analysis's facility index, as a percentage


@dataclass
class CourseFigures:
    course: CoursePage
    enrolled: int = 0
    completed: int = 0
    average_score: Decimal | None = None
    graded_attempts: int = 0
    hardest: list[HardQuestion] = field(default_factory=list)
    # Answered, and nobody has got a question wrong yet: no "hardest" to name.
    all_right: bool = False


@dataclass
class Draft:
    title: str
    kind: str
    edited_at: object
    url: str


def published_course_figures() -> list[CourseFigures]:
    """Every live course with its active enrolments, the learners among them
    who completed it (`completing_certificates`), the average score of
    the graded attempts at its final quiz, and the questions of that quiz the
    fewest get right (only those somebody got wrong), from the quiz's item
    analysis. Five queries."""
    courses = list(
        originals(CoursePage.objects.live()).select_related("quiz").order_by("path")
    )
    if not courses:
        return []
    figures = {course.pk: CourseFigures(course=course) for course in courses}
    certified = completing_certificates(enrollment=OuterRef("pk"))
    for row in (
        Enrollment.objects.filter(course_id__in=figures, removed_at__isnull=True)
        .annotate(certified=Exists(certified))
        .values("course_id")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(certified=True)))
        .order_by()
    ):
        entry = figures[row["course_id"]]
        entry.enrolled, entry.completed = row["enrolled"], row["completed"]
    # The course's own final quiz, taken as such (a policy review is not).
    for row in (
        Attempt.objects.filter(
            course_id__in=figures,
            quiz_id=F("course__quiz_id"),
            purpose="",
            state=Attempt.State.GRADED,
        )
        .values("course_id")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by()
    ):
        entry = figures[row["course_id"]]
        entry.average_score, entry.graded_attempts = row["average"], row["count"]
    quizzes = {course.quiz_id: course.quiz for course in courses if course.quiz_id}
    analyses = quiz_analyses(quizzes=list(quizzes.values()))
    for entry in figures.values():
        analysis = analyses.get(entry.course.quiz_id)
        if analysis is not None:
            answered = [q for q in analysis.questions if q.facility is not None]
            # A question everyone got right is not hard, however it ranks: a
            # "hardest" list of 100 % questions would send the trainer to
            # rewrite questions that work.
            missed = [q for q in answered if q.facility < 1]
            entry.hardest = [
                HardQuestion(q.text, round(q.facility * 100))
                for q in sorted(missed, key=lambda q: q.facility)[:HARDEST_SHOWN]
            ]
            entry.all_right = bool(answered) and not missed
    return list(figures.values())


def _not_in_review(model):
    """Objects of `model` with no workflow in progress: those in review are on
    Wagtail's own panels ("Le tue pagine e snippet in un flusso di lavoro")."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return ~Exists(
        WorkflowState.objects.active().filter(
            base_content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )


def user_drafts(*, user) -> list[Draft]:
    """The pages and snippets whose latest, unpublished revision is this
    person's and that are not in review: what they left half-done. One query
    for the pages and one per snippet model with drafts."""
    drafts = [
        Draft(
            title=page.get_admin_display_title(),
            kind=str(page.content_type.model_class()._meta.verbose_name),
            edited_at=page.latest_revision_created_at,
            url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
        for page in Page.objects.filter(
            _not_in_review(Page),
            has_unpublished_changes=True,
            latest_revision__user=user,
        )
        .select_related("content_type")
        .order_by("-latest_revision_created_at")[:DRAFTS_SHOWN]
    ]
    finder = AdminURLFinder(user)
    for model in get_snippet_models():
        if not issubclass(model, DraftStateMixin):
            continue
        for snippet in model.objects.filter(
            _not_in_review(model),
            has_unpublished_changes=True,
            latest_revision__user=user,
        ).select_related("latest_revision")[:DRAFTS_SHOWN]:
            drafts.append(
                Draft(
                    title=str(snippet),
                    kind=str(model._meta.verbose_name),
                    edited_at=snippet.latest_revision.created_at,
                    url=finder.get_edit_url(snippet) or "",
                )
            )
    drafts.sort(key=lambda draft: draft.edited_at, reverse=True)
    return drafts[:DRAFTS_SHOWN]
