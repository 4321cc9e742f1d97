from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from . import runtime


class ScormBlock(blocks.StructBlock):
    """A SCORM package played inside the module page. The module completes when
    the package reports what this block asks: completed, or passed."""

    title = blocks.CharBlock(label=_("Titolo"))
    package = SnippetChooserBlock(
        "scorm.ScormPackage",
        label=_("Pacchetto SCORM"),
        help_text=_("Caricalo prima in «Pacchetti SCORM»."),
    )
    completion = blocks.ChoiceBlock(
        label=_("Il modulo è completato quando il pacchetto risulta"),
        choices=[
            (runtime.COMPLETED, _("completato")),
            (runtime.PASSED, _("superato")),
        ],
        default=runtime.COMPLETED,
        help_text=_(
            "«Superato»: solo se il pacchetto ha una verifica e comunica l'esito "
            "(passed)."
        ),
    )

    class Meta:
        # The learner's own answers or runs show in it: never a shared
        # fragment (content.fragments).
        personal = True
        icon = "folder-open-inverse"
        template = "scorm/blocks/scorm.html"
        label = _("Pacchetto SCORM")
        description = _(
            "Un corso SCORM 1.2 o 2004 creato con uno strumento di authoring, da "
            "seguire dentro il modulo; l'avanzamento si salva e si riprende."
        )

    def get_context(self, value, parent_context=None):
        """The module page puts the learner's stored runtime data (by block id)
        in `scorm_records` and the runtime's start data in `scorm_start`; a
        trainer's preview plays the package without storing anything."""
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        preview = bool(context.get("learner_preview"))
        start = (context.get("scorm_start") or {}).get(block_id)
        playable = bool(
            block_id and value.get("package") and (preview or start is not None)
        )
        context.update(
            {
                "block_id": block_id,
                "playable": playable,
                "preview": preview,
                "start": start if start is not None else {},
                "start_id": f"scorm-{block_id or 'preview'}-start",
            }
        )
        return context
