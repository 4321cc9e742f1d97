from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.audit import log_actions

from .admin_views import BULK_ACTIONS
from .models import Department
from .widgets import RoleSelect


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Reparti")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet()


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.person.create", _("Nuova persona"), _("Persona creata")),
            ("lms.person.edit", _("Modifica persona"), _("Persona modificata")),
            ("lms.person.deactivate", _("Disattivazione"), _("Persona disattivata")),
            ("lms.person.reactivate", _("Riattivazione"), _("Persona riattivata")),
            ("lms.people.import", _("Importazione persone"), _("Persone importate")),
            (
                "lms.people.import_failed",
                _("Importazione persone non riuscita"),
                _("Importazione di persone interrotta"),
            ),
            (
                "lms.people.import_resume",
                _("Importazione persone ripresa"),
                _("Importazione di persone ripresa"),
            ),
            (
                "lms.people.import_mapping",
                _("Abbinamento delle colonne"),
                _("Abbinamento delle colonne salvato"),
            ),
            ("lms.person.roles", _("Modifica dei ruoli"), _("Ruoli modificati")),
            (
                "lms.person.export",
                _("Esportazione dei dati personali"),
                _("Dati personali esportati"),
            ),
            ("lms.person.anonymise", _("Anonimizzazione"), _("Persona anonimizzata")),
        ]
    ),
)


# Wagtail's own user bulk actions, replaced by ones that obey people.roles: a
# later order wins the registry's slot for the same action type.
for _action in BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


# Any choice of a role in the admin's forms (an assignment rule's role) shows
# the role by its name in the interface language.
register_form_field_override(
    models.ForeignKey, to=Group, override={"widget": RoleSelect}
)
