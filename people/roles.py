"""The roles of the product, as Django groups, and who may give which.

Their permissions are created by data migrations (people 0002; the lead trainer
and the review workflow in content 0003) so every environment, test database
included, has the same roles.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
HR = "HR"
# Approves trainers' changes in the review workflow and publishes them.
LEAD_TRAINER = "Lead trainer"

ROLE_LABELS = {
    LEARNER: _("Discente"),
    TRAINER: _("Formatore"),
    HR: _("Risorse umane"),
    LEAD_TRAINER: _("Formatore responsabile"),
}

# Who teaches: leads classroom sessions and keeps their attendance register.
TRAINING_ROLES = (TRAINER, LEAD_TRAINER)
# The same people as a filter on users (a superuser counts, as everywhere).
TRAINS = Q(groups__name__in=TRAINING_ROLES) | Q(is_superuser=True)

# The roles someone who manages people (HR) may give; a superuser gives any group.
# Even these are refused if a change of their permissions lets them publish.
GRANTABLE_BY_HR = (LEARNER, TRAINER, HR)
# Who manages people: the permissions behind HR's directory and import.
MANAGE_PEOPLE_PERMISSIONS = ("people.add_user", "people.change_user")

ERROR_ROLE_NOT_GRANTABLE = _("Non puoi assegnare questo ruolo.")
ERROR_PERSON_NOT_MANAGEABLE = _(
    "Solo un amministratore può modificare un altro amministratore."
)
ERROR_PERSON_HOLDS_ROLE = _(
    "Questa persona ha il ruolo «%(role)s», che non puoi assegnare: solo un "
    "amministratore può modificarla."
)
ERROR_OWN_MANAGING_ROLE = _(
    "Non puoi toglierti il ruolo «%(role)s»: perderesti l'accesso alla gestione "
    "delle persone. Chiedi a un'altra persona delle Risorse umane."
)


def role_label(group_or_name) -> str:
    """The role's name in the interface language (the group's own name for a
    group the product does not know)."""
    name = getattr(group_or_name, "name", group_or_name)
    return str(ROLE_LABELS.get(name, name))


def trains(user) -> bool:
    """Whether `user` holds a teaching role now: asked again at every use, so a
    person who lost the role loses what it allowed even where they are still
    named (a session's trainer)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=TRAINING_ROLES).exists()


def publishing_groups() -> QuerySet[Group]:
    """Groups whose permissions let their members publish: a page permission to
    publish anywhere in the tree, or a model's `publish_*` permission (Wagtail
    snippets with drafts). Derived from what the group may do, never from its
    name, so a renamed or newly configured group is judged by its rights."""
    return Group.objects.filter(
        Q(page_permissions__permission__codename="publish_page")
        | Q(permissions__codename__startswith="publish_")
        | Q(collection_permissions__permission__codename__startswith="publish_")
    ).distinct()


def manage_refusals(actor, people: QuerySet) -> dict[int, str]:
    """Why `actor` may not change each of `people` (details, e-mail, roles,
    password, active state), {pk: reason} for those refused, in two queries
    whatever their number.

    Whoever may change someone's e-mail may take their account with a password
    reset: so only a superuser changes an administrator (staff or superuser) or
    someone holding a group the actor could not give them (a publishing one, a
    Lead trainer). Everyone may change themself."""
    if actor.is_superuser:
        return {}
    people = people.exclude(pk=actor.pk)
    refusals = {
        pk: str(ERROR_PERSON_NOT_MANAGEABLE)
        for pk in people.filter(Q(is_superuser=True) | Q(is_staff=True)).values_list(
            "pk", flat=True
        )
    }
    held = (
        people.model.groups.through.objects.filter(user__in=people)
        .exclude(group__in=grantable_groups(actor))
        .order_by("group__name")
        .values_list("user_id", "group__name")
    )
    for pk, name in held:
        reason = ERROR_PERSON_HOLDS_ROLE % {"role": role_label(name)}
        refusals.setdefault(pk, str(reason))
    return refusals


def manage_refusal(actor, person) -> str:
    """Why `actor` may not change `person` (`manage_refusals`), "" if they may."""
    if person.pk is None:
        return ""
    people = get_user_model().objects.filter(pk=person.pk)
    return manage_refusals(actor, people).get(person.pk, "")


def may_manage(actor, person) -> bool:
    """Whether `actor` may change `person` at all, wherever the change is made
    (the person form, the import, Wagtail's user views and bulk actions)."""
    return not manage_refusal(actor, person)


def managing_groups() -> QuerySet[Group]:
    """Groups whose permissions let their members manage people (HR)."""
    codenames = [perm.partition(".")[2] for perm in MANAGE_PEOPLE_PERMISSIONS]
    return Group.objects.filter(
        permissions__content_type__app_label="people",
        permissions__codename__in=codenames,
    ).distinct()


def roles_change_refusal(actor, person, groups) -> str:
    """Why `actor` may not give `person` exactly `groups` among the roles the
    actor may give (the others stay as they are), "" if they may. Nobody but a
    superuser takes a people-managing role from themself: with no superuser
    around, nobody could give it back."""
    allowed = set(grantable_groups(actor, to=person if person.pk else None))
    wanted = set(groups)
    if wanted - allowed:
        return str(ERROR_ROLE_NOT_GRANTABLE)
    if person.pk is not None and person.pk == actor.pk and not actor.is_superuser:
        removed = (set(person.groups.all()) & allowed) - wanted
        lost = managing_groups().filter(pk__in=[group.pk for group in removed])
        for group in lost.order_by("name")[:1]:
            return str(ERROR_OWN_MANAGING_ROLE % {"role": role_label(group)})
    return ""


def grantable_groups(actor, *, to=None) -> QuerySet[Group]:
    """The one rule for every path that gives roles (the person form, the CSV
    import, Wagtail's user views and bulk actions).

    A superuser gives any group. Someone who manages people gives only the
    Learner, Trainer and HR roles, never one that can publish, to themself
    only a role they already have, and nothing to someone they may not change
    (`manage_refusals`). Anyone else gives nothing. `to` is the person
    receiving the role; None asks what may be given to someone else.
    """
    if actor.is_superuser:
        return Group.objects.all()
    if not any(actor.has_perm(perm) for perm in MANAGE_PEOPLE_PERMISSIONS):
        return Group.objects.none()
    if to is not None and not may_manage(actor, to):
        return Group.objects.none()
    groups = Group.objects.filter(name__in=GRANTABLE_BY_HR).exclude(
        pk__in=publishing_groups().values("pk")
    )
    if to is not None and to.pk is not None and to.pk == actor.pk:
        groups = groups.filter(pk__in=actor.groups.values("pk"))
    return groups.order_by("name")
