"""Receivers that retire a person's cached progress (`selectors._own_facts`)."""

from django.conf import settings


def progress_changed(sender, instance, raw=False, **kwargs):
    """post_save/post_delete of Enrollment, ModuleCompletion, Attempt and
    Certificate."""
    if raw or not settings.LMS_CACHE_IS_SHARED:
        return
    from lms.cache import replace_version

    from .models import Enrollment, ModuleCompletion
    from .selectors import progress_version_key

    if isinstance(instance, ModuleCompletion):
        if ModuleCompletion.enrollment.is_cached(instance):
            user_id = instance.enrollment.user_id
        else:
            user_id = (
                Enrollment.objects.filter(pk=instance.enrollment_id)
                .values_list("user_id", flat=True)
                .first()
            )
    else:
        user_id = instance.user_id
    if user_id is not None:
        replace_version(progress_version_key(user_id))
