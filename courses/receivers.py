"""How courses react to the signals of the apps below."""

from people.models import User

from .services import assignment_rules_apply


def people_changed(sender, user_ids, created_ids, roles_added_ids, **kwargs):
    """`people.signals.people_changed`: new people, and people who gained a role,
    get the courses the rules give them at once; other changes (department, hire
    date) are caught by the daily job."""
    matched = set(created_ids) | set(roles_added_ids)
    if matched:
        assignment_rules_apply(users=User.objects.filter(pk__in=matched))
