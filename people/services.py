from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.users.models import UserProfile

from . import roles
from .models import User


@transaction.atomic
def user_assign_default_role(*, user: User) -> None:
    group, _ = Group.objects.get_or_create(name=roles.LEARNER)
    user.groups.add(group)


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    user.preferred_language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    # Wagtail's admin reads its own profile: keep both interfaces in one language.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    return user
