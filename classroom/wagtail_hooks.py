from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CopyView,
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
)

from lms.admin_columns import FlagColumn
from lms.admin_menu import has_perm, menu_item
from lms.audit import log_actions
from lms.words import day_and_hours

from .forms import SessionForm
from .models import Session, SessionRequirement
from .services import session_edited


class _SessionMessage:
    """Wagtail's "%(model_name)s '%(object)s' created." gives "sessione" the
    masculine ending in Italian: the session's views say it themselves."""

    success_message = None

    def get_success_message(self, instance=None):
        return self.success_message % {"object": instance or self.object}


class SessionCreateView(_SessionMessage, CreateView):
    success_message = _("Sessione «%(object)s» creata.")


class SessionCopyView(_SessionMessage, CopyView):
    success_message = _("Sessione «%(object)s» creata.")


class SessionDeleteView(DeleteView):
    success_message = _("Sessione «%(object)s» eliminata.")


class SessionEditView(_SessionMessage, EditView):
    """Wagtail logs the edit; what it means for the people booked (a call-off,
    a move, seats freed by a raised capacity) is `session_edited`'s."""

    success_message = _("Sessione «%(object)s» aggiornata.")

    def save_instance(self):
        # The form has already written its values on self.object: the saved
        # row says what the session was.
        was = Session.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        session_edited(session=instance, by=self.request.user, was=was)
        return instance


def session_coming(session: Session) -> bool:
    return not session.cancelled and session.ends_at > timezone.now()


def session_when(session: Session) -> str:
    """The list's cell: the day and hours as the session's pages write them
    (Django's own rendering says "Lunedì 07 dicembre 2026 09:30", without the end)."""
    return capfirst(day_and_hours(session.starts_at, session.ends_at))


def session_status(session: Session) -> str:
    if session.cancelled:
        return _("Annullata")
    return _("In programma") if session_coming(session) else _("Conclusa")


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Sessioni in aula")
    menu_order = 220
    add_to_admin_menu = True
    add_view_class = SessionCreateView
    copy_view_class = SessionCopyView
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    list_display = [
        "title",
        "course",
        Column(
            "starts_at",
            label=capfirst(Session._meta.get_field("starts_at").verbose_name),
            accessor=session_when,
            sort_key="starts_at",
        ),
        "trainer",
        "capacity",
        # A tag in the admin's style, not the field's raw True/False.
        StatusTagColumn(
            "status",
            label=_("Stato"),
            accessor=session_status,
            sort_key="cancelled",
            primary=session_coming,
        ),
    ]
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

    def get_queryset(self, request):
        # The list shows each session's course and trainer: one query, not
        # two per row.
        return Session.objects.select_related("course", "trainer")


class SessionRequirementViewSet(SnippetViewSet):
    model = SessionRequirement
    icon = "tick"
    menu_label = _("Corsi con sessione obbligatoria")
    list_display = [
        "course",
        # A tag in the admin's style, as the session list's, not a bare tick.
        FlagColumn(
            "required",
            label=_("Sessione in aula"),
            yes=_("Obbligatoria"),
            no=_("Facoltativa"),
        ),
    ]

    def get_queryset(self, request):
        # Each row names its course: with the rows, not a query per row.
        return SessionRequirement.objects.select_related("course")


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
