from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.audit import log_actions

from .forms import ScormPackageForm
from .models import ScormPackage


class ScormPackageViewSet(SnippetViewSet):
    """Trainers upload packages here and choose them in a module's «Pacchetto
    SCORM» block."""

    model = ScormPackage
    icon = "folder-open-inverse"
    menu_label = _("Pacchetti SCORM")
    menu_name = "scorm_packages"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "version", "file_count", "uploaded_at"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("package")],
        base_form_class=ScormPackageForm,
    )


register_snippet(ScormPackageViewSet)


hooks.register(
    "register_log_actions",
    log_actions(
        [
            (
                "lms.scorm.upload",
                _("Pacchetto SCORM caricato"),
                _("Pacchetto caricato"),
            ),
            (
                "lms.scorm.progress",
                _("Avanzamento SCORM registrato"),
                _("Avanzamento SCORM"),
            ),
        ]
    ),
)
