"""The StreamField blocks trainers compose modules from.

One `BaseStreamBlock` serves every page body. Each block has an icon, a template, a
description and a preview value so editors see what they insert.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

KNOWLEDGE_CHECK_ONE_CORRECT = _(
    "Indica una e una sola risposta corretta per la verifica."
)


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"
        label = _("Titolo di sezione")
        description = _("Un titolo che apre una nuova sezione del modulo.")
        preview_value = "Un processo e un reparto"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/paragraph.html"
        label = _("Testo")
        description = _("Testo formattato: paragrafi, elenchi, grassetto, link.")
        preview_value = (
            "<p>Il servizio clienti accompagna la persona prima, durante e dopo "
            "l'acquisto.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Immagine"))
    caption = blocks.CharBlock(label=_("Didascalia"), required=False)

    class Meta:
        icon = "image"
        template = "content/blocks/figure.html"
        label = _("Immagine")
        description = _("Un'immagine con testo alternativo e didascalia.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Indirizzo del video"),
        help_text=_("Link a YouTube, Vimeo o un altro servizio supportato."),
    )
    caption = blocks.CharBlock(label=_("Didascalia"), required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"
        label = _("Video")
        description = _("Un video incorporato da un servizio esterno.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Tipo"),
        choices=[
            ("policy", _("Regola aziendale")),
            ("tip", _("Consiglio")),
            ("warning", _("Attenzione")),
        ],
        default="policy",
    )
    title = blocks.CharBlock(label=_("Titolo"), required=False)
    text = blocks.RichTextBlock(
        label=_("Testo"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "warning"
        template = "content/blocks/callout.html"
        label = _("Riquadro")
        description = _("Mette in evidenza una regola, un consiglio o un avvertimento.")
        preview_value = {
            "kind": "policy",
            "title": "Tempi di risposta",
            "text": "<p>Rispondi alle e-mail dei clienti entro 24 ore.</p>",
        }


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), default=_("Punti chiave"))
    points = blocks.ListBlock(blocks.CharBlock(label=_("Punto")), label=_("Punti"))

    class Meta:
        icon = "list-ul"
        template = "content/blocks/key_points.html"
        label = _("Punti chiave")
        description = _("Un riepilogo in pochi punti da ricordare.")
        preview_value = {
            "title": "Punti chiave",
            "points": ["Ascolta prima di rispondere", "Documenta ogni contatto"],
        }


class DoDontPairBlock(blocks.StructBlock):
    do = blocks.TextBlock(label=_("Da fare"))
    dont = blocks.TextBlock(label=_("Da evitare"))

    class Meta:
        icon = "tick"
        label = _("Coppia")


class DoDontBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), required=False)
    pairs = blocks.ListBlock(DoDontPairBlock(), label=_("Coppie"), min_num=1)

    class Meta:
        icon = "tick-inverse"
        template = "content/blocks/do_dont.html"
        label = _("Da fare / da evitare")
        description = _(
            "Coppie di comportamenti: che cosa fare e che cosa evitare, "
            "fianco a fianco."
        )
        preview_value = {
            "title": "Il saluto al telefono",
            "pairs": [
                {
                    "do": "Presentati con il nome dell'azienda e il tuo.",
                    "dont": "Rispondere con un semplice «Pronto?».",
                }
            ],
        }


class DialogueLineBlock(blocks.StructBlock):
    speaker = blocks.ChoiceBlock(
        label=_("Chi parla"),
        choices=[("cliente", _("Cliente")), ("agente", _("Agente"))],
        default="cliente",
    )
    text = blocks.TextBlock(label=_("Battuta"))

    class Meta:
        icon = "openquote"
        label = _("Battuta")


class DialogueBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), required=False)
    channel = blocks.ChoiceBlock(
        label=_("Canale"),
        choices=[
            ("phone", _("Telefono")),
            ("chat", _("Chat")),
            ("counter", _("Sportello")),
        ],
        default="phone",
    )
    lines = blocks.ListBlock(DialogueLineBlock(), label=_("Battute"), min_num=1)

    class Meta:
        icon = "comment"
        template = "content/blocks/dialogue.html"
        label = _("Dialogo cliente–agente")
        description = _(
            "Uno scambio di battute tra cliente e agente, al telefono, in chat o "
            "allo sportello."
        )
        preview_value = {
            "title": "Una richiesta semplice",
            "channel": "phone",
            "lines": [
                {
                    "speaker": "cliente",
                    "text": "Buongiorno, vorrei cambiare indirizzo.",
                },
                {
                    "speaker": "agente",
                    "text": "Certo, me ne occupo subito. Mi conferma il suo nome?",
                },
            ],
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Documento"))
    description = blocks.CharBlock(label=_("Descrizione"), required=False)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document.html"
        label = _("Documento da scaricare")
        description = _(
            "Un file da scaricare (procedura, modulo, listino), con formato e "
            "dimensione."
        )
        preview_value = {
            "description": "La procedura completa, da tenere a portata di mano.",
        }


class DataTableBlock(TypedTableBlock):
    text = blocks.CharBlock(label=_("Testo"))
    rich_text = blocks.RichTextBlock(
        label=_("Testo formattato"), features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "table"
        template = "content/blocks/table.html"
        label = _("Tabella")
        description = _(
            "Una tabella con intestazioni di colonna e didascalia; la prima colonna "
            "fa da intestazione di riga."
        )
        preview_value = {
            "caption": "Standard di servizio",
            "columns": [
                {"type": "text", "heading": "Canale"},
                {"type": "text", "heading": "Tempo di risposta"},
            ],
            "rows": [
                {"values": ["Telefono", "Entro tre squilli"]},
                {"values": ["E-mail", "Entro 24 ore"]},
            ],
        }


class KnowledgeCheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Risposta"))
    correct = blocks.BooleanBlock(label=_("È la risposta corretta"), required=False)
    feedback = blocks.TextBlock(
        label=_("Riscontro"),
        help_text=_("Che cosa legge chi sceglie questa risposta, e perché."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Risposta")


class KnowledgeCheckBlock(blocks.StructBlock):
    """An ungraded question inside a module. The learner must answer it before the
    module completes; each option explains itself, right or wrong."""

    question = blocks.TextBlock(label=_("Domanda"))
    options = blocks.ListBlock(
        KnowledgeCheckOptionBlock(), label=_("Risposte"), min_num=2, max_num=6
    )

    class Meta:
        icon = "help"
        template = "content/blocks/knowledge_check.html"
        label = _("Verifica di comprensione")
        description = _(
            "Una domanda senza voto, con un riscontro per ogni risposta: va risposta "
            "prima di completare il modulo."
        )
        preview_value = {
            "question": "Un cliente è in attesa da due minuti. Che cosa fai?",
            "options": [
                {
                    "text": "Riprendo la linea e lo aggiorno.",
                    "correct": True,
                    "feedback": (
                        "Giusto: chi aspetta vuole sapere che non è dimenticato."
                    ),
                },
                {
                    "text": "Lo lascio in attesa finché ho finito.",
                    "correct": False,
                    "feedback": "Un'attesa senza notizie sembra più lunga di quanto è.",
                },
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for option in value["options"] if option["correct"]) != 1:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(KNOWLEDGE_CHECK_ONE_CORRECT)}
            )
        return value

    def get_context(self, value, parent_context=None):
        # The stream child's id names the check; the module page puts the
        # learner's answers (by block id) and the preview flag in the context.
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        response = (context.get("knowledge_answers") or {}).get(block_id)
        options = list(value["options"])
        chosen = None
        if response is not None and response.option_index < len(options):
            chosen = options[response.option_index]
        context.update(
            {
                "block_id": block_id,
                "indexed_options": list(enumerate(options)),
                "chosen_index": response.option_index if chosen else None,
                "chosen": chosen,
            }
        )
        return context


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
    do_dont = DoDontBlock()
    dialogue = DialogueBlock()
    document = DocumentBlock()
    table = DataTableBlock()
    knowledge_check = KnowledgeCheckBlock()
