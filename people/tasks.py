from django_tasks import task

from .invitations import send_invitations


@task()
def invite_people(user_ids: list[int]) -> None:
    send_invitations(user_ids=user_ids)


@task()
def apply_people_import(import_id: int) -> None:
    """Apply a confirmed people import. Safe to run again: a run that ended does
    nothing, and one cut short goes on after its last committed batch."""
    # Imported here: the apply uses the services, which queue `invite_people`.
    from .import_apply import people_import_apply
    from .models import PeopleImport

    people_import_apply(people_import=PeopleImport.objects.get(pk=import_id))
