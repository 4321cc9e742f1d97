from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .backends import permissions_changed
from .models import User
from .services import user_assign_default_role


@receiver(post_save, sender=User, dispatch_uid="people_default_role")
def give_new_users_the_learner_role(sender, instance, created, raw, **kwargs):
    # Accounts are created in several places (Wagtail's user admin, allauth,
    # commands); every new person starts as a learner wherever it happens.
    if created and not raw:
        user_assign_default_role(user=instance)


@receiver(post_save, sender=User, dispatch_uid="people_assignment_rules")
def assign_courses_to_new_users(sender, instance, created, raw, **kwargs):
    # New and imported people get their courses as soon as they exist; after the
    # commit, so that an import's rollback assigns nothing. The daily command
    # catches what changes later (department, role, hire date).
    if created and not raw:
        from courses.services import assignment_rules_apply

        transaction.on_commit(lambda: assignment_rules_apply(users=[instance]))


@receiver(
    m2m_changed, sender=User.groups.through, dispatch_uid="people_rules_on_new_role"
)
def assign_courses_for_new_roles(sender, instance, action, reverse, **kwargs):
    # The user admin saves the person first and the roles after, so role rules
    # could not match at creation; a role given later must match at once too.
    if action == "post_add" and not reverse and isinstance(instance, User):
        from courses.services import assignment_rules_apply

        transaction.on_commit(lambda: assignment_rules_apply(users=[instance]))


@receiver(user_logged_in, dispatch_uid="people_remember_manager")
def remember_whether_manager(sender, request, user, **kwargs):
    # The header shows managers their team's dashboard; asked once per login so
    # that no page pays a query for it. The dashboard itself checks every time.
    if request is not None and hasattr(request, "session"):
        request.session["lms_is_manager"] = user.reports.filter(is_active=True).exists()


def _permissions_changed(sender, **kwargs):
    # Cached permissions (people.backends) must not outlive a change of roles or
    # of what a role may do, from either side of the relation.
    action = kwargs.get("action")
    if action is None or action in ("post_add", "post_remove", "post_clear"):
        permissions_changed()


for _sender in (User.groups.through, User.user_permissions.through):
    m2m_changed.connect(
        _permissions_changed, sender=_sender, dispatch_uid=f"perms_{_sender.__name__}"
    )
m2m_changed.connect(
    _permissions_changed, sender=Group.permissions.through, dispatch_uid="perms_group"
)
for _sender in (Group, Permission):
    post_save.connect(
        _permissions_changed,
        sender=_sender,
        dispatch_uid=f"perms_save_{_sender.__name__}",
    )
    post_delete.connect(
        _permissions_changed,
        sender=_sender,
        dispatch_uid=f"perms_delete_{_sender.__name__}",
    )
# Migrations grant and withdraw permissions through historical models, which
# send no signal the receivers above hear.
post_migrate.connect(_permissions_changed, dispatch_uid="perms_migrate")
