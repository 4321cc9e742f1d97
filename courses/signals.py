"""Receivers that retire a person's cached progress (`selectors._own_facts`)."""

from django.conf import settings


def progress_changed(sender, instance, raw=False, **kwargs):
    """post_save/post_delete of Enrollment, ModuleCompletion, Attempt and
    Certificate."""
    if raw or not settings.LMS_CACHE_IS_SHARED:
        return
    from lms.cache import replace_version

    from .models import ModuleCompletion
    from .selectors import progress_version_key

    if isinstance(instance, ModuleCompletion):
        user_id = completion_learner_id(instance)
    else:
        user_id = instance.user_id
    if user_id is not None:
        replace_version(progress_version_key(user_id))


def completion_learner_id(completion) -> int | None:
    """Whose completion this is: from the enrolment when it was saved with it at
    hand (module_complete), else one query; None once the enrolment is gone."""
    from .models import Enrollment, ModuleCompletion

    if ModuleCompletion.enrollment.is_cached(completion):
        return completion.enrollment.user_id
    return (
        Enrollment.objects.filter(pk=completion.enrollment_id)
        .values_list("user_id", flat=True)
        .first()
    )
