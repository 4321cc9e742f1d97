from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.admin_menu import has_perm, menu_item
from lms.audit import log_actions

# HR's reports: shown to who may read them.
READS_REPORTS = has_perm("people.view_training_status")

hooks.register(
    "register_admin_menu_item",
    menu_item(
        _("Stato formazione"),
        "hr:training_status",
        shown_to=READS_REPORTS,
        icon_name="table",
        order=250,
    ),
)
hooks.register(
    "register_admin_menu_item",
    menu_item(
        _("Conformità"),
        "hr:dashboard",
        shown_to=READS_REPORTS,
        icon_name="success",
        order=251,
    ),
)


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.person.remind", _("Sollecito"), _("Sollecito inviato")),
        ]
    ),
)
