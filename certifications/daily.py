"""The daily job: everything that happens because a day passed.

Idempotent by construction, so it is safe to run every hour: each step acts only
on what is not yet done (a certificate still valid past its expiry, a person in
the window without the refresher, an e-mail whose reason has no record yet).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.services import certificates_expire
from classroom.services import reminders_send as session_reminders_send
from courses import notices as course_notices
from courses.services import assignment_rules_apply
from notifications.services import emails_retry
from people.import_apply import people_imports_abandon
from people.models import User

from . import notices
from .models import DailyAction, DailyRun


def batch_size() -> int:
    return getattr(settings, "LMS_DAILY_BATCH_SIZE", 500)


@transaction.atomic
def daily_batch_process(*, run: DailyRun, user_ids: list[int], today: date) -> None:
    """Bring these people's statuses to today and assign the refreshers due."""
    from .services import certification_status_sync, refreshers_assign

    actions = [
        DailyAction(
            run=run,
            kind=DailyAction.Kind.STATUS,
            user_id=d.user_id,
            certification_id=d.certification_id,
            detail=f"{d.stored or '-'} -> {d.derived or '-'}",
        )
        for d in certification_status_sync(today=today, user_ids=user_ids)
    ]
    for enrollment in refreshers_assign(today=today, user_ids=user_ids):
        actions.append(
            DailyAction(
                run=run,
                kind=DailyAction.Kind.ASSIGN,
                user_id=enrollment.user_id,
                detail=f"{enrollment.course.title} · {enrollment.due_date}",
            )
        )
    DailyAction.objects.bulk_create(actions)


def daily_run(*, today: date | None = None) -> DailyRun:
    from .services import status_counts_record
    from .tasks import daily_batch

    today = today or timezone.localdate()
    first_of_the_day = not DailyRun.objects.filter(today=today).exists()
    run = DailyRun.objects.create(today=today)
    # Yesterday's figures, before today's first run moves anything on; a later
    # run of the same day records nothing, even when the first found nothing
    # to count.
    recorded = (
        status_counts_record(day=today - timedelta(days=1)) if first_of_the_day else 0
    )

    def record(kind, detail, user_id=None):
        return DailyAction(run=run, kind=kind, user_id=user_id, detail=detail[:300])

    actions = []
    for enrollment in assignment_rules_apply(today=today) or []:
        actions.append(
            record(DailyAction.Kind.RULES, str(enrollment), enrollment.user_id)
        )
    for certificate in certificates_expire(today=today):
        actions.append(
            record(
                DailyAction.Kind.EXPIRE,
                f"{certificate.course_title} · {certificate.verification_code}",
                certificate.user_id,
            )
        )
    DailyAction.objects.bulk_create(actions)

    user_ids = list(
        User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    size = batch_size()
    for start in range(0, len(user_ids), size):
        daily_batch.enqueue(run.pk, user_ids[start : start + size], today.isoformat())

    emails = (
        course_notices.reminders_send(today=today)
        + course_notices.overdue_send(today=today)
        + notices.policy_reminders_send(today=today)
        + notices.digests_send(today=today)
        + session_reminders_send(today=today)
    )
    DailyAction.objects.bulk_create(
        record(DailyAction.Kind.EMAIL, f"{e.kind} · {e.reason_key}", e.user_id)
        for e in emails
    )
    retried = emails_retry()
    # An import whose worker died and that nobody resumed ends here, with its
    # audit entry, rather than staying "in corso" for ever.
    abandoned = people_imports_abandon()

    counts = dict.fromkeys(DailyAction.Kind.values, 0)
    for kind in run.actions.values_list("kind", flat=True):
        counts[kind] += 1
    counts["emails_retried"] = retried
    counts["imports_abandoned"] = len(abandoned)
    counts["status_counts"] = recorded
    counts["batches"] = -(-len(user_ids) // size)
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run
