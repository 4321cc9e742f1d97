from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from lms.admin_menu import has_perm, menu_item
from lms.audit import log_actions

from .forms import SessionForm
from .models import Session, SessionRequirement
from .services import session_edited


class SessionEditView(EditView):
    """Wagtail logs the edit; what it means for the people booked (a call-off,
    a move, seats freed by a raised capacity) is `session_edited`'s."""

    def save_instance(self):
        # The form has already written its values on self.object: the saved
        # row says what the session was.
        was = Session.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        session_edited(session=instance, by=self.request.user, was=was)
        return instance


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Sessioni in aula")
    menu_order = 220
    add_to_admin_menu = True
    edit_view_class = SessionEditView
    list_display = ["title", "course", "starts_at", "trainer", "capacity", "cancelled"]
    list_filter = ["cancelled"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            MultiFieldPanel(
                [FieldPanel("place"), FieldPanel("video_link")],
                heading=_("Dove"),
            ),
            FieldPanel("trainer"),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("cancel_cutoff_hours")]),
            FieldPanel("notes"),
            FieldPanel("cancelled"),
        ],
        base_form_class=SessionForm,
    )


class SessionRequirementViewSet(SnippetViewSet):
    model = SessionRequirement
    icon = "tick"
    menu_label = _("Corsi con sessione obbligatoria")
    list_display = ["course", "required"]


register_snippet(SessionViewSet)
register_snippet(SessionRequirementViewSet)


hooks.register(
    "register_admin_menu_item",
    menu_item(
        _("Registro presenze"),
        "classroom:trainer_sessions",
        shown_to=has_perm("classroom.view_session"),
        icon_name="list-ul",
        order=221,
    ),
)


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.session.book", _("Posto prenotato")),
            ("lms.session.wait", _("In lista d'attesa")),
            ("lms.session.cancel_booking", _("Prenotazione annullata")),
            ("lms.session.promote", _("Posto dalla lista d'attesa")),
            ("lms.session.attendance", _("Presenze registrate")),
            ("lms.session.cancel", _("Sessione annullata")),
            ("lms.session.move", _("Sessione spostata")),
            ("lms.session.feed_rotate", _("Nuovo indirizzo del calendario")),
        ]
    ),
)
