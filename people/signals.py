"""People's signals: those declared for the apps above, and the receivers
that turn this app's own model signals into `people_changed`.

Accounts are created and changed in several places (the person form, the CSV
import, Wagtail's user admin, allauth, commands): the receivers below watch the
user model itself so that every path announces the change the same way.
"""

from allauth.account.signals import user_logged_in as account_logged_in
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import Signal, receiver
from wagtail.users.models import UserProfile

from lms.events import Event

from .models import User
from .services import user_assign_default_role

people_changed = Event()
"""Sent once the transaction that changed people has committed, with
`user_ids` (a set: everyone created or changed), `created_ids` (the new ones
among them) and `roles_added_ids` (those who gained a role). Receivers refresh
what they derive from people (assignment rules, certification statuses); they
run after the commit, so a rolled-back import announces nothing, and a receiver
that fails is logged without undoing the change."""


personal_data_requested = Signal()
"""Sent by `people.privacy.person_data_export` to gather everything stored about
a person, so that `people` exports data it does not own without importing the
apps that own it, with `person` (the `people.User` whose data is exported).
Each receiver returns a `people.privacy.PersonalData`: its app's records about
the person as JSON-ready data by section name (a section name is unique across
apps) and, optionally, files for the archive (path inside the ZIP -> bytes). A
receiver gives the person's own data only: what they did, answered and scored;
never the material they were assessed with (a quiz's answer key: which options
are correct, feedback, explanations, right orders or pairs) and never another
person's data. Receivers only read."""

person_anonymised = Signal()
"""Sent by `people.privacy.person_anonymise` inside its transaction, after the
person's own fields (name, e-mail, employee ID, manager, department) were
replaced and saved, with `person` (the anonymised `people.User`) and `actor`
(who asked). Each receiver removes or replaces what its app stores that
identifies the person (files with their name, copies of their name), keeping the
anonymous history, and may return a dict of facts for the audit entry (e.g.
`{"certificates_kept": True}`). An exception rolls the whole anonymisation
back."""


def announce(*, user_ids, created_ids=(), roles_added_ids=()) -> None:
    """Send `people_changed` when the current transaction commits."""
    payload = {
        "user_ids": set(user_ids),
        "created_ids": set(created_ids),
        "roles_added_ids": set(roles_added_ids),
    }
    if not payload["user_ids"]:
        return
    people_changed.send_on_commit(sender="people", **payload)


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


@receiver(post_save, sender=UserProfile, dispatch_uid="people_one_language")
def admin_language_saved(sender, instance, raw, **kwargs):
    """A person reads one language. Wagtail's account page keeps an admin
    language on its own profile, while every page outside the admin (the
    attendance register a trainer reaches from the admin's menu, the learner's
    pages, e-mails) reads `User.preferred_language`: a language chosen there
    becomes the person's (`user_set_language` keeps the profile in step the
    other way)."""
    language = instance.preferred_language
    if raw or language not in dict(settings.LANGUAGES):
        return
    User.objects.filter(pk=instance.user_id).exclude(
        preferred_language=language
    ).update(preferred_language=language)


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


@receiver(account_logged_in, dispatch_uid="people_mfa_by_provider")
def remember_mfa_by_provider(sender, request, user, sociallogin=None, **kwargs):
    # Whether this session's second factor was done at a trusted company
    # provider (people/sso.py): the MFA enrolment middleware then lets the
    # privileged person through. Every sign-in sets it afresh.
    from lms.middleware import SESSION_MFA_BY_PROVIDER

    from .sso import mfa_asserted

    if request is not None and hasattr(request, "session"):
        request.session[SESSION_MFA_BY_PROVIDER] = mfa_asserted(sociallogin)
