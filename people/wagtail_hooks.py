from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Department


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Reparti")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet()


class TrainingStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("people.view_training_status")


@hooks.register("register_admin_menu_item")
def register_training_status_menu_item():
    return TrainingStatusMenuItem(
        _("Stato formazione"),
        reverse("people:training_status"),
        icon_name="table",
        order=250,
    )
