"""How certifications take part in the learning journey and react to it, through
the signals of the apps below. Nothing here is called by those apps directly."""

from django.db.models import Q, prefetch_related_objects
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import signals as wagtail_signals

from certificates import signals as certificates_signals
from courses import signals as courses_signals
from courses.models import CoursePage
from courses.progress import Requirement, Task
from people import signals as people_signals
from quizzes import signals as quizzes_signals

from . import derivation, selectors
from .models import Certification, PolicyChange
from .policy import change_url, review_state
from .publication import (
    PUBLISHED,
    UNPUBLISHED,
    certification_statuses_refresh,
    publication_actor,
    publication_scheduled,
)
from .services import (
    certification_issue_terms,
    certification_refresher_check,
    certification_status_sync,
)


def _sync(user_ids) -> None:
    user_ids = {pk for pk in user_ids if pk is not None}
    if user_ids:
        certification_status_sync(today=timezone.localdate(), user_ids=user_ids)


# Hooks -----------------------------------------------------------------------


@receiver(
    courses_signals.enrollment_requested,
    dispatch_uid="certifications_enrollment_requested",
)
def enrollment_requested(sender, user, course, **kwargs):
    """A refresher only for whoever holds (or held) the certification."""
    certification_refresher_check(user=user, course=course)


@receiver(
    courses_signals.certificate_terms, dispatch_uid="certifications_certificate_terms"
)
def certificate_terms(sender, enrollment, attempt, **kwargs):
    return certification_issue_terms(enrollment=enrollment)


@receiver(
    courses_signals.prerequisites_held,
    dispatch_uid="certifications_prerequisites_held",
)
def prerequisites_held(sender, user_ids, required_course_ids, today, **kwargs):
    """A course required by another counts as held by whoever holds the
    certification it grants, whether through that course's own certificate or
    a renewal of it; after a lapse too, unless the certification then asks for
    onboarding again (the refresher stays open to who held it)."""
    required = set(required_course_ids)
    plans = [
        plan
        for plan in selectors.certification_plans()
        if plan.requirement.onboarding_course_ids & required
    ]
    if not plans:
        return set()
    course_ids = set().union(*(plan.course_ids for plan in plans))
    certificates = selectors.certificate_facts(user_ids=user_ids, course_ids=course_ids)
    held = set()
    for plan in plans:
        for user_id in user_ids:
            current = derivation.current_certificate(
                plan.requirement,
                [c for c in certificates[user_id] if c.course_id in plan.course_ids],
            )
            if current is None:
                continue
            expired = current.expires_at is not None and current.expires_at < today
            if expired and plan.requirement.lapsed_requires_onboarding:
                continue
            for course_id in plan.requirement.onboarding_course_ids & required:
                held.add((user_id, course_id))
    return held


@receiver(
    certificates_signals.badge_achievement,
    dispatch_uid="certifications_badge_achievement",
)
def badge_achievement(sender, certificate, **kwargs):
    """The certifications a course confers or renews, named in its Open Badge."""
    return {"certifications": _certification_names(certificate)}


@receiver(
    certificates_signals.certificate_document,
    dispatch_uid="certifications_certificate_document",
)
def certificate_document(sender, certificate, **kwargs):
    """The certifications a course confers or renews, printed on its PDF."""
    return {"certifications": _certification_names(certificate)}


def _certification_names(certificate) -> list[str]:
    names = (
        Certification.objects.filter(
            Q(onboarding_courses=certificate.course_id)
            | Q(refresher_courses=certificate.course_id),
            live=True,
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return list(names)


def pending_reviews(*, user_ids, today) -> dict[int, list]:
    """The policy reviews each person still owes, by person: a change made
    after the certificate that counts for its certification was issued, while
    that certificate is still valid. A fixed number of queries: none beyond one
    when no policy change exists. Asked by every progress computation and the
    learner's home, so that one is the bare rows: the changed modules (their
    titles) are read only for the reviews owed."""
    changes = list(PolicyChange.objects.order_by("due_date", "pk"))
    if not changes or not user_ids:
        return {}
    plans = {
        plan.certification.pk: plan
        for plan in selectors.certification_plans()
        if any(c.certification_id == plan.certification.pk for c in changes)
    }
    course_ids = set().union(*(plan.course_ids for plan in plans.values()))
    certificates = selectors.certificate_facts(user_ids=user_ids, course_ids=course_ids)
    owed: dict[int, list] = {}
    for user_id in user_ids:
        for change in changes:
            plan = plans.get(change.certification_id)
            if plan is None:
                continue
            current = derivation.current_certificate(
                plan.requirement,
                [c for c in certificates[user_id] if c.course_id in plan.course_ids],
            )
            if (
                current is not None
                and current.issued_at < change.created_at
                and (current.expires_at is None or current.expires_at >= today)
            ):
                owed.setdefault(user_id, []).append((change, current))
    if owed:
        prefetch_related_objects(
            [change for reviews in owed.values() for change, _c in reviews], "module"
        )
    return owed


@receiver(
    courses_signals.completion_requirements,
    dispatch_uid="certifications_review_requirements",
)
def review_requirements(sender, enrollments, today, **kwargs):
    """`courses.signals.completion_requirements`: the course card of whoever
    owes a review says so ("review required"), on the enrolment whose
    certificate the review renews, with the way to it."""
    owed = pending_reviews(user_ids={e.user_id for e in enrollments}, today=today)
    if not owed:
        return {}
    found = {}
    for enrollment in enrollments:
        for change, current in owed.get(enrollment.user_id, []):
            if current.course_id != enrollment.course_id:
                continue
            found.setdefault(enrollment.pk, []).append(
                Requirement(
                    key=f"policy:{change.pk}",
                    label=str(REVIEW_LABEL).format(module=change.module.title),
                    met=False,
                    url=change_url(change),
                    waiting_label=str(REVIEW_WAITING).format(
                        module=change.module.title,
                        date=date_format(change.due_date, "j F Y"),
                    ),
                    review=True,
                )
            )
    return found


@receiver(courses_signals.learner_tasks, dispatch_uid="certifications_review_tasks")
def review_tasks(sender, user, today, **kwargs):
    """`courses.signals.learner_tasks`: each review owed, at the top of the
    learner's home, with what changed and by when."""
    return [
        Task(
            key=f"policy:{change.pk}",
            kind=str(REVIEW_KIND),
            title=str(REVIEW_LABEL).format(module=change.module.title),
            note=change.note,
            url=change_url(change),
            action=str(REVIEW_ACTION),
            due_date=change.due_date,
        )
        for change, _current in pending_reviews(user_ids=[user.pk], today=today).get(
            user.pk, []
        )
    ]


REVIEW_KIND = _("Revisione di policy")
REVIEW_LABEL = _("Revisione del modulo «{module}»")
REVIEW_WAITING = _("Revisione di policy richiesta: modulo «{module}», entro il {date}")
REVIEW_ACTION = _("Inizia la revisione")


# Events ----------------------------------------------------------------------


@receiver(
    courses_signals.enrollment_changed,
    dispatch_uid="certifications_enrollment_changed",
)
def enrollment_changed(sender, enrollment, action, **kwargs):
    _sync([enrollment.user_id])


@receiver(
    [
        certificates_signals.certificate_issued,
        certificates_signals.certificate_status_changed,
    ],
    dispatch_uid="certifications_certificate_changed",
)
def certificate_changed(sender, certificate, **kwargs):
    _sync([certificate.user_id])


@receiver(people_signals.people_changed, dispatch_uid="certifications_people_changed")
def people_changed(sender, user_ids, **kwargs):
    _sync(user_ids)


@receiver(quizzes_signals.quiz_takers, dispatch_uid="certifications_review_quiz_takers")
def review_quiz_takers(sender, user, quiz_ids, **kwargs):
    """`quizzes.signals.quiz_takers`: a policy change's review quiz (its own,
    or its course's when the trainer chose none) is for the people the change
    concerns or concerned (`views.PolicyReviewQuizView`)."""
    courses = CoursePage.objects.filter(quiz_id__in=quiz_ids).values_list(
        "path", "depth"
    )
    where = Q(quiz_id__in=quiz_ids)
    for path, depth in courses:
        where |= Q(
            quiz__isnull=True,
            module__path__startswith=path,
            module__depth=depth + 1,
        )
    changes = PolicyChange.objects.filter(where).select_related("certification")
    return any(review_state(change=change, user=user) is not None for change in changes)


@receiver(
    wagtail_signals.published,
    sender=Certification,
    dispatch_uid="certifications_certification_published",
)
def certification_published(sender, instance, revision=None, **kwargs):
    """A lead trainer's approval (or a scheduled publication) makes new rules
    live: everyone's standing follows at once, not the next night."""
    certification_statuses_refresh(
        certification=instance,
        cause=PUBLISHED,
        actor=publication_actor(),
        scheduled=publication_scheduled(instance=instance, revision=revision),
    )


@receiver(
    wagtail_signals.unpublished,
    sender=Certification,
    dispatch_uid="certifications_certification_unpublished",
)
def certification_unpublished(sender, instance, **kwargs):
    """A certification withdrawn stops counting at once: its statuses go, and
    with them HR's figures, digests and policy reminders; the renewals it had
    assigned are withdrawn. Certificates already issued are the courses' and
    stay valid."""
    certification_statuses_refresh(
        certification=instance,
        cause=UNPUBLISHED,
        actor=publication_actor(),
        scheduled=publication_scheduled(instance=instance),
    )
