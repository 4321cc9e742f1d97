from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_privacy_actions(actions):
    actions.register_action(
        "lms.person.export",
        _("Esportazione dei dati personali"),
        _("Dati personali esportati"),
    )
    actions.register_action(
        "lms.person.anonymise",
        _("Anonimizzazione"),
        _("Persona anonimizzata"),
    )
