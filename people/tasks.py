from django_tasks import task

from lms.tasks_backend import never_inline

from .invitations import send_invitations


@task()
def invite_people(user_ids: list[int]) -> None:
    send_invitations(user_ids=user_ids)


# Minutes for a big file: never run inline in the web request while the queue
# is down (the run waits, and its status page offers to queue it again).
@never_inline
@task()
def apply_people_import(import_id: int, attempt: int = 0) -> None:
    """Apply a confirmed people import as its `attempt` (HR's "Riprendi" queues
    the next). Safe to run again: a run that ended does nothing, one cut short
    goes on after its last committed batch, and a job of an earlier attempt
    does nothing."""
    # Imported here: the apply uses the services, which queue `invite_people`.
    from .import_apply import people_import_apply
    from .models import PeopleImport

    people_import_apply(
        people_import=PeopleImport.objects.get(pk=import_id), attempt=attempt
    )
