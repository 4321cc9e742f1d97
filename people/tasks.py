from django_tasks import task

from .invitations import send_invitations


@task()
def invite_people(user_ids: list[int]) -> None:
    send_invitations(user_ids=user_ids)
