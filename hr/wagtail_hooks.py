from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.audit import log_actions


class HrMenuItem(MenuItem):
    """An admin menu entry for HR's reports: shown to who may read them."""

    def is_shown(self, request):
        return request.user.has_perm("people.view_training_status")


@hooks.register("register_admin_menu_item")
def register_training_status_menu_item():
    return HrMenuItem(
        _("Stato formazione"),
        reverse("hr:training_status"),
        icon_name="table",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    return HrMenuItem(
        _("Conformità"), reverse("hr:dashboard"), icon_name="success", order=251
    )


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.person.remind", _("Sollecito"), _("Sollecito inviato")),
        ]
    ),
)
