from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.audit import log_actions

from .models import Checklist, ObservationRequirement


class ChecklistViewSet(SnippetViewSet):
    model = Checklist
    icon = "list-ul"
    menu_label = _("Griglie di osservazione")
    list_display = ["title", "pass_mark"]
    search_fields = ["title"]


class RequirementViewSet(SnippetViewSet):
    model = ObservationRequirement
    icon = "tick-inverse"
    menu_label = _("Osservazioni richieste")
    list_display = ["course", "count", "within_days", "checklist"]


class ObservationsGroup(ViewSetGroup):
    menu_label = _("Osservazioni")
    menu_icon = "view"
    menu_order = 210
    items = (ChecklistViewSet, RequirementViewSet)


@hooks.register("register_admin_viewset")
def register_observation_viewsets():
    return ObservationsGroup()


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.observation.create", _("Osservazione iniziata")),
            ("lms.observation.save", _("Osservazione salvata")),
            ("lms.observation.pass", _("Osservazione superata")),
            ("lms.observation.fail", _("Osservazione non superata")),
            ("lms.observation.acknowledge", _("Presa visione dell'osservazione")),
        ]
    ),
)
