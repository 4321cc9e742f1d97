from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.admin_columns import FlagColumn
from lms.admin_menu import has_perm, menu_item
from lms.audit import log_actions

from .models import CertificateTemplate

LOG_ACTIONS = [
    ("lms.certificate.issue", _("Rilascio certificato"), _("Certificato rilasciato")),
    (
        "lms.certificate.email",
        _("Invio del certificato"),
        _("Certificato inviato per e-mail al titolare"),
    ),
    (
        "lms.certificate.download",
        _("Download del certificato"),
        _("Certificato scaricato da HR"),
    ),
    (
        "lms.certificate.badge",
        _("Rilascio dell'Open Badge"),
        _("Open Badge del certificato firmato e rilasciato"),
    ),
    ("lms.certificate.revoke", _("Revoca del certificato"), _("Certificato revocato")),
    (
        "lms.certificate.reinstate",
        _("Ripristino del certificato"),
        _("Certificato ripristinato"),
    ),
    (
        "lms.certificate.reissue",
        _("Riemissione del certificato"),
        _("Certificato riemesso al posto di uno precedente"),
    ),
    (
        "lms.certificate.supersede",
        _("Sostituzione del certificato"),
        _("Certificato sostituito da uno nuovo"),
    ),
    (
        "lms.certificate.regenerate",
        _("Copia rigenerata del certificato"),
        _("File del certificato perso e ricreato dai dati"),
    ),
]


hooks.register("register_log_actions", log_actions(LOG_ACTIONS))


hooks.register(
    "register_admin_menu_item",
    menu_item(
        _("Certificati"),
        "certificates:hr_list",
        shown_to=has_perm("certificates.view_certificate"),
        icon_name="doc-full",
        order=900,
    ),
)


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Modelli di certificato")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        # The one default template tagged, the others a dash (read out as
        # "Non predefinito"): not True/False.
        FlagColumn(
            "is_default",
            label=capfirst(
                CertificateTemplate._meta.get_field("is_default").verbose_name
            ),
            yes=_("Predefinito"),
            no=_("Non predefinito"),
            no_as_dash=True,
        ),
        "orientation",
    ]


register_snippet(CertificateTemplateViewSet)
