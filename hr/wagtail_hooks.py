from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_hr_actions(actions):
    actions.register_action("lms.person.remind", _("Sollecito"), _("Sollecito inviato"))
