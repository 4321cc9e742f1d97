"""Wagtail's user admin, held to the rules HR's own pages follow.

Wagtail lets anyone with the user model's permissions tick any group, set any
password and flag administrators. Here every form and bulk action asks
`people.roles` instead: which groups the person editing may give, whether they
may touch the person at all (administrators are changed by administrators
only), and passwords are set by administrators only (everyone else sets their
own through allauth, which asks for the current one).
"""

from django import forms
from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.users import CreateView, EditView, UserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import roles
from .forms import (
    ERROR_EMAIL_TAKEN,
    HR_FIELDS,
    ROLES_HELP,
    UNIQUE_MESSAGES,
    RoleChoiceField,
    RoleMultipleChoiceField,
    require_a_role,
    role_ticks,
)
from .models import User
from .selectors import email_in_use
from .services import (
    people_invite,
    person_deactivate,
    person_emails_follow,
    person_reactivate,
    person_roles_set,
)

ERROR_HAS_RECORDS = _(
    "%(name)s ha iscrizioni o certificati registrati e non può essere eliminato: "
    "disattivalo."
)
# Wagtail's "The %(model_name)s could not be created due to errors." reads
# "Personanon può essere creato …" in its Italian catalogue (no space, and the
# masculine ending), and its failed edit names a "utente": the person's form
# says both in its own words.
ERROR_NOT_CREATED = _("La persona non può essere creata a causa di errori.")
ERROR_NOT_SAVED = _("La persona non può essere salvata a causa di errori.")


class _ActorRules:
    """What the person using the form (the actor) may set: the groups they may
    give, at least one role kept as on HR's form (`forms.require_a_role`), and,
    for administrators only, the administrator flag and passwords."""

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        if not actor.is_superuser:
            self.fields.pop("is_superuser", None)
        target = self.instance if self.instance.pk else None
        self.grantable = roles.grantable_groups(actor, to=target)
        field = self.fields["groups"]
        self.fields["groups"] = RoleMultipleChoiceField(
            queryset=self.grantable,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=field.label,
            help_text=ROLES_HELP,
        )
        self.initial["groups"], self.kept_roles = role_ticks(self.grantable, target)

    @property
    def password_enabled(self):
        return super().password_enabled and self.actor.is_superuser

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        require_a_role(groups, self.kept_roles)
        refusal = roles.roles_change_refusal(self.actor, self.instance, groups)
        if refusal:
            raise forms.ValidationError(refusal)
        return groups

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email and email_in_use(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(ERROR_EMAIL_TAKEN)
        return email

    def _save_m2m(self):
        # Groups go through the roles service (checked, audited, the groups the
        # actor may not give kept as they are); the rest as Wagtail saves it.
        groups = self.cleaned_data.pop("groups", None)
        super()._save_m2m()
        if groups is None:
            return
        self.cleaned_data["groups"] = groups
        person_roles_set(person=self.instance, by=self.actor, groups=groups)

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.pk and not self.password_enabled:
            # Created without a password: the person sets it from the
            # invitation or a reset link, never HR.
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class PersonCreationForm(_ActorRules, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *HR_FIELDS]
        error_messages = UNIQUE_MESSAGES


class PersonEditForm(_ActorRules, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *HR_FIELDS]
        error_messages = UNIQUE_MESSAGES


class _WithActor:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.request.user
        return kwargs


class PersonCreateView(_WithActor, CreateView):
    error_message = ERROR_NOT_CREATED

    def save_instance(self):
        instance = super().save_instance()
        if instance.is_active and instance.email and not instance.has_usable_password():
            # Created without a password: invited to set one, as from HR's form.
            people_invite(user_ids=[instance.pk])
        return instance


class PersonEditView(_WithActor, EditView):
    error_message = ERROR_NOT_SAVED

    def dispatch(self, request, *args, **kwargs):
        # An administrator's account (password, e-mail, groups) is changed by
        # administrators only, as on the HR pages and in imports.
        refusal = roles.manage_refusal(request.user, self.object)
        if refusal:
            # Wagtail's own answer to a refusal, with the reason instead of
            # its generic "no permission".
            messages.error(request, refusal)
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = super().save_instance()
        if "email" in self.form.changed_data:
            person_emails_follow(emails={instance.pk: instance.email})
        return instance


class PersonFilterSet(UserFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Role names in the interface language.
        self.filters["group"].field_class = RoleMultipleChoiceField


class UserViewSet(WagtailUserViewSet):
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    filterset_class = PersonFilterSet

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm


# Bulk actions on the user listing (/admin/bulk/people/user/<action>/): the same
# rules, person by person. People the actor may not touch are listed as "no
# permission" on the confirmation page and left alone.


class _ManagedPeopleOnly:
    def check_perm(self, obj):
        return super().check_perm(obj) and roles.may_manage(self.request.user, obj)


class PersonAssignRoleBulkAction(_ManagedPeopleOnly, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"] = RoleChoiceField(
            queryset=roles.grantable_groups(self.request.user),
            label=_("Ruolo"),
        )
        return form

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        actor = self.request.user
        role = self.cleaned_form.cleaned_data["role"] if self.cleaned_form else None
        if role is not None and actor in objects:
            if not roles.grantable_groups(actor, to=actor).filter(pk=role.pk).exists():
                objects = [obj for obj in objects if obj != actor]
                without_access["items_with_no_access"].append(actor)
        return objects, without_access

    def get_execution_context(self):
        return {**super().get_execution_context(), "actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, actor=None, **kwargs):
        if role is None or actor is None:
            return 0, 0
        for person in objects:
            current = set(person.groups.all())
            person_roles_set(person=person, by=actor, groups=current | {role})
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d persona ora ha il ruolo %(role)s.",
            "%(count)d persone ora hanno il ruolo %(role)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "role": roles.role_label(self.cleaned_form.cleaned_data["role"]),
        }


class PersonSetActiveStateBulkAction(_ManagedPeopleOnly, SetActiveStateBulkAction):
    @classmethod
    def execute_action(cls, objects, mark_as_active=False, user=None, **kwargs):
        # Through the services: each change audited, like the HR pages'.
        changed = 0
        for person in objects:
            if person.pk == getattr(user, "pk", None):
                continue
            if person.is_active == mark_as_active:
                continue
            if mark_as_active:
                person_reactivate(person=person, by=user)
            else:
                person_deactivate(person=person, by=user)
            changed += 1
        return changed, 0


class PersonDeleteBulkAction(_ManagedPeopleOnly, DeleteBulkAction):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            # Training records are compliance records: a person who has them is
            # deactivated, never deleted.
            person = next(iter(error.protected_objects), None)
            name = getattr(getattr(person, "user", None), "full_name", "")
            messages.error(self.request, ERROR_HAS_RECORDS % {"name": name})
            return redirect(self.next_url)


BULK_ACTIONS = [
    PersonAssignRoleBulkAction,
    PersonSetActiveStateBulkAction,
    PersonDeleteBulkAction,
]
assert all(action.models == [User] for action in BULK_ACTIONS)
