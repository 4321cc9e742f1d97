from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

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
