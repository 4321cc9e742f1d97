"""How certifications take part in the learning journey and react to it, through
the signals of the apps below. Nothing here is called by those apps directly."""

from django.db.models import Q
from django.utils import timezone

from . import derivation, selectors
from .models import Certification
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


def enrollment_requested(sender, user, course, **kwargs):
    """A refresher only for whoever holds (or held) the certification."""
    certification_refresher_check(user=user, course=course)


def certificate_terms(sender, enrollment, attempt, **kwargs):
    return certification_issue_terms(enrollment=enrollment)


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
    certificates, _enrollments = selectors.history(
        user_ids=user_ids, course_ids=course_ids
    )
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


def badge_achievement(sender, certificate, **kwargs):
    """The certifications a course confers or renews, named in its Open Badge."""
    names = (
        Certification.objects.filter(
            Q(onboarding_courses=certificate.course_id)
            | Q(refresher_courses=certificate.course_id)
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {"certifications": list(names)}


# Events ----------------------------------------------------------------------


def enrollment_changed(sender, enrollment, action, **kwargs):
    _sync([enrollment.user_id])


def certificate_changed(sender, certificate, **kwargs):
    _sync([certificate.user_id])


def people_changed(sender, user_ids, **kwargs):
    _sync(user_ids)
