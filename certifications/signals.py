"""Keep the summary table current from one place.

Certificates, enrolments and people change in other apps' services; rather than
each of them calling us, the receivers here recompute the person's rows once the
transaction commits, so a rolled-back change never reaches the table.
"""

from django.db import transaction
from django.utils import timezone


def _refresh_later(user_id: int) -> None:
    def refresh():
        from .services import certification_status_sync

        # A person deleted meanwhile simply has no rows left to derive.
        certification_status_sync(today=timezone.localdate(), user_ids=[user_id])

    transaction.on_commit(refresh)


# Saves that cannot change a status: the stored PDF of a certificate.
IRRELEVANT_FIELDS = {"pdf", "pdf_sha256", "badge_id", "badge_jwt"}


def history_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save/post_delete of Certificate and Enrollment."""
    if raw or (update_fields is not None and set(update_fields) <= IRRELEVANT_FIELDS):
        return
    _refresh_later(instance.user_id)


def person_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of User: department, hire date or activity may have changed."""
    if raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    _refresh_later(instance.pk)


def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed of User.groups, from either side."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _refresh_later(instance.pk)
    else:
        for user_id in pk_set or ():
            _refresh_later(user_id)


def progress_changed(sender, instance, created=False, raw=False, **kwargs):
    """post_save of ModuleCompletion: the first module moves not started to in
    progress."""
    if raw or not created:
        return
    from courses.signals import completion_learner_id

    user_id = completion_learner_id(instance)
    if user_id is not None:
        _refresh_later(user_id)


def badge_achievement(sender, certificate, **kwargs):
    """certificates.signals.badge_achievement: the certifications a course
    confers or renews, named in its Open Badge."""
    from django.db.models import Q

    from .models import Certification

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
