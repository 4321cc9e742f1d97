from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_api_token_actions(actions):
    actions.register_action(
        "lms.apitoken.create", _("Nuovo token API"), _("Token API creato")
    )
    actions.register_action(
        "lms.apitoken.revoke", _("Revoca token API"), _("Token API revocato")
    )
