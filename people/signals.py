"""People's signals: the one declared for the apps above, and the receivers
that turn this app's own model signals into it.

Accounts are created and changed in several places (the person form, the CSV
import, Wagtail's user admin, allauth, commands): the receivers below watch the
user model itself so that every path announces the change the same way.
"""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import Signal, receiver

from .models import User
from .services import user_assign_default_role

people_changed = Signal()
"""Sent once the transaction that changed people has committed, with
`user_ids` (a set: everyone created or changed), `created_ids` (the new ones
among them) and `roles_added_ids` (those who gained a role). Receivers refresh
what they derive from people (assignment rules, certification statuses); they
run after the commit, so a rolled-back import announces nothing, and a receiver
that fails is logged without undoing the change."""


def announce(*, user_ids, created_ids=(), roles_added_ids=()) -> None:
    """Send `people_changed` when the current transaction commits."""
    payload = {
        "user_ids": set(user_ids),
        "created_ids": set(created_ids),
        "roles_added_ids": set(roles_added_ids),
    }
    if not payload["user_ids"]:
        return
    transaction.on_commit(
        lambda: people_changed.send(sender="people", **payload), robust=True
    )


@receiver(post_save, sender=User, dispatch_uid="people_default_role")
def give_new_users_the_learner_role(sender, instance, created, raw, **kwargs):
    # Every new person starts as a learner, wherever the account is created.
    if created and not raw:
        user_assign_default_role(user=instance)


@receiver(post_save, sender=User, dispatch_uid="people_changed_on_save")
def person_saved(sender, instance, created, raw, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    announce(user_ids=[instance.pk], created_ids=[instance.pk] if created else [])


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="people_roles_changed")
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # The user admin saves the person first and the roles after, so role rules
    # could not match at creation; a role given later must match at once too.
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    user_ids = list(pk_set or ()) if reverse else [instance.pk]
    added = user_ids if action == "post_add" else []
    announce(user_ids=user_ids, roles_added_ids=added)


@receiver(user_logged_in, dispatch_uid="people_remember_manager")
def remember_whether_manager(sender, request, user, **kwargs):
    # The header shows managers their team's dashboard; asked once per login so
    # that no page pays a query for it. The dashboard itself checks every time.
    if request is not None and hasattr(request, "session"):
        request.session["lms_is_manager"] = user.reports.filter(is_active=True).exists()
