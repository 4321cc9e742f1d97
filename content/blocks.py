"""The StreamField blocks trainers compose modules from.

One `BaseStreamBlock` serves every page body. Each block has an icon, a template, a
description and a preview value so editors see what they insert.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


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


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
