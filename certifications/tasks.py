from datetime import date

from django_tasks import task

from .daily import daily_batch_process
from .models import DailyRun
from .publication import certification_statuses_apply


@task()
def daily_batch(run_id: int, user_ids: list[int], today: str) -> None:
    run = DailyRun.objects.get(pk=run_id)
    daily_batch_process(run=run, user_ids=user_ids, today=date.fromisoformat(today))


@task()
def certification_statuses(
    certification_id: int,
    user_ids: list[int],
    today: str,
    cause: str,
    actor_id: int | None = None,
    scheduled: bool = False,
) -> None:
    # `actor_id` and `scheduled` have defaults: a batch queued before they
    # existed still runs (without a person, as the system's).
    certification_statuses_apply(
        certification_id=certification_id,
        user_ids=user_ids,
        today=date.fromisoformat(today),
        cause=cause,
        actor_id=actor_id,
        scheduled=scheduled,
    )
