from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    verbose_name = _("Persone")

    def ready(self):
        from . import signals  # noqa: F401


class PeopleUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the HR fields of our user model, and its
    group list with the roles' names in the interface language."""

    user_viewset = "people.admin_views.UserViewSet"
    group_viewset = "people.admin_views.GroupViewSet"
