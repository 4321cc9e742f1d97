from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EmailRecord, EmailTemplate


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Modelli di e-mail")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["kind", "subject_it", "subject_en"]


class EmailRecordViewSet(SnippetViewSet):
    """The log of every e-mail: read-only, it is a compliance record."""

    model = EmailRecord
    icon = "list-ul"
    menu_label = _("E-mail inviate")
    list_display = ["date", "to", "kind", "subject", "outcome"]
    list_filter = ["kind", "outcome"]
    search_fields = ["to", "subject"]
    inspect_view_enabled = True


register_snippet(EmailTemplateViewSet)
register_snippet(EmailRecordViewSet)
