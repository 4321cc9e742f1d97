from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.audit import log_actions

hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.apitoken.create", _("Nuovo token API"), _("Token API creato")),
            ("lms.apitoken.revoke", _("Revoca token API"), _("Token API revocato")),
        ]
    ),
)
