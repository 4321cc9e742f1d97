from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Certification, DailyRun


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "success"
    menu_label = _("Certificazioni")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "validity_months", "renewal_window_days"]
    search_fields = ["name"]


class DailyRunViewSet(SnippetViewSet):
    model = DailyRun
    icon = "date"
    menu_label = _("Esecuzioni giornaliere")
    list_display = ["today", "started_at", "finished_at", "counts"]
    inspect_view_enabled = True


register_snippet(CertificationViewSet)
register_snippet(DailyRunViewSet)


@hooks.register("register_log_actions")
def register_certification_actions(actions):
    actions.register_action(
        "lms.certificate.expire",
        _("Scadenza del certificato"),
        _("Certificato scaduto"),
    )
    actions.register_action(
        "lms.policy_change.mark",
        _("Modifica sostanziale della policy"),
        _("Revisione segnata come modifica sostanziale della policy"),
    )
