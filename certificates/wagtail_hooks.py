from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    actions.register_action(
        "lms.certificate.issue", _("Rilascio certificato"), _("Certificato rilasciato")
    )
    actions.register_action(
        "lms.certificate.supersede",
        _("Sostituzione del certificato"),
        _("Certificato sostituito da uno nuovo"),
    )
    actions.register_action(
        "lms.certificate.download",
        _("Download del certificato"),
        _("Certificato scaricato da HR"),
    )
