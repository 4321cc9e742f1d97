"""The quiz editor's panels for the questions a quiz asks.

Every attempt, in whatever language it is read, is the original quiz's and
asks its questions (`services.attempt_start`), so a translation's own choice
would be saved and silently ignored. On a translation `QuizAdminForm` leaves
out the formsets of `Quiz.SELECTION` and saves the original's choice; the
inline panels that edit them step aside and `OriginalSelectionPanel` shows the
original's choice, read-only, saying why.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, Panel

QUESTIONS_FOLLOW_ORIGINAL = _(
    "Le domande sono quelle dell'originale, che vale per chi fa il quiz in ogni "
    "lingua: si scelgono lì, con la revisione. Chi legge questa lingua vede la "
    "traduzione di ogni domanda, dove c'è."
)


def _translation_form(form) -> bool:
    return getattr(form, "original", None) is not None


class SelectionInlinePanel(InlinePanel):
    """Wagtail's inline panel on an original; on a translation, whose form has
    no formset for it, nothing (no rows, no add, move or delete buttons)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            self.follows_original = _translation_form(kwargs.get("form"))
            if self.follows_original:
                # Wagtail's own set-up binds the formset there is none of.
                Panel.BoundPanel.__init__(self, **kwargs)
                self.label = self.panel.label
                return
            super().__init__(**kwargs)

        def is_shown(self):
            return not self.follows_original and super().is_shown()


class OriginalSelectionPanel(Panel):
    """On a translation, the original's fixed questions and random draws, as
    attempts in every language ask them; nothing on an original."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", QUESTIONS_FOLLOW_ORIGINAL)
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/admin/original_selection.html"

        def is_shown(self):
            return _translation_form(self.form)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            original = self.form.original
            draws = original.draws.select_related("topic").order_by("sort_order", "pk")
            meta = draws.model._meta
            context.update(
                fixed=[
                    item.question
                    for item in original.items.select_related("question").order_by(
                        "sort_order", "pk"
                    )
                ],
                draws=list(draws),
                topic_label=capfirst(meta.get_field("topic").verbose_name),
                count_label=capfirst(meta.get_field("count").verbose_name),
            )
            return context
