from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.audit import log_actions

from .models import Certification, DailyRun
from .selectors import has_records

CERTIFICATION_HAS_RECORDS = _(
    "«{name}» non può essere eliminata: ci sono certificati dei suoi corsi, "
    "modifiche di policy o conteggi giornalieri che la riguardano. Annulla la "
    "pubblicazione per ritirarla: i certificati già emessi restano validi."
)


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


@hooks.register("before_delete_snippet")
def keep_certifications_with_records(request, instances):
    # A certification that gave certificates their meaning is withdrawn, never
    # deleted: its records (policy changes, past figures) stay.
    kept = [c for c in instances if isinstance(c, Certification) and has_records(c)]
    if not kept:
        return None
    for certification in kept:
        messages.error(
            request, CERTIFICATION_HAS_RECORDS.format(name=certification.name)
        )
    return redirect("wagtailsnippets_certifications_certification:list")


hooks.register(
    "register_log_actions",
    log_actions(
        [
            (
                "lms.certificate.expire",
                _("Scadenza del certificato"),
                _("Certificato scaduto"),
            ),
            (
                "lms.certification.statuses",
                _("Stati ricalcolati"),
                _("Stati ricalcolati dopo la pubblicazione o il ritiro"),
            ),
            (
                "lms.policy_change.mark",
                _("Modifica sostanziale della policy"),
                _("Revisione segnata come modifica sostanziale della policy"),
            ),
        ]
    ),
)


@hooks.register("register_admin_urls")
def register_policy_change_url():
    from .views import policy_change_admin

    return [
        path(
            "certificazioni/policy/<id:page_id>/",
            policy_change_admin,
            name="certifications_policy_change",
        )
    ]


def _policy_button(page, user, priority):
    from courses.models import ModulePage

    from .policy import can_mark

    if (
        page.specific_class is ModulePage
        and page.live
        and can_mark(user=user, module=page)
    ):
        yield wagtailadmin_widgets.ListingButton(
            _("Segna come modifica di policy"),
            reverse("certifications_policy_change", args=[page.pk]),
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def policy_listing_button(page, user, next_url=None):
    yield from _policy_button(page, user, 45)


@hooks.register("register_page_header_buttons")
def policy_header_button(page, user, view_name, next_url=None):
    yield from _policy_button(page, user, 66)
