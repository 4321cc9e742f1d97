from django.db import transaction


def enrollment_assigned(
    sender, instance, created, raw=False, update_fields=None, **kwargs
):
    """post_save of Enrollment: an assignment (not a self-enrolment), or a new
    cycle of a completed one (a renewal through the same course), is announced
    by e-mail once the enrolment is committed."""
    restarted = update_fields is not None and "cycle" in update_fields
    if raw or not (created or restarted) or instance.source == instance.Source.SELF:
        return
    enrollment_id = instance.pk

    def send():
        from courses.models import Enrollment

        from .services import assignment_send

        enrollment = (
            Enrollment.objects.select_related("user", "course")
            .filter(pk=enrollment_id)
            .first()
        )
        if enrollment is not None:
            assignment_send(enrollment=enrollment)

    transaction.on_commit(send)
