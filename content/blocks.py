"""The StreamField blocks trainers compose modules from.

One `BaseStreamBlock` serves every page body. Each block has an icon, a template, a
description and a preview value so editors see what they insert.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from . import scenarios

KNOWLEDGE_CHECK_ONE_CORRECT = _(
    "Indica una e una sola risposta corretta per la verifica."
)
FIGURE_NEEDS_ALT = _(
    "Un'immagine del modulo insegna qualcosa: descrivila nel testo alternativo "
    "invece di segnarla come decorativa."
)
NOT_AUDIO = _("Scegli un file audio (MP3, OGG, Opus o M4A).")
NOT_VIDEO = _("Scegli un file video (MP4 o WebM).")
NOT_CAPTIONS = _("Scegli un file di sottotitoli WebVTT (.vtt).")

AUDIO_EXTENSIONS = {"mp3", "ogg", "oga", "opus", "m4a"}
VIDEO_EXTENSIONS = {"mp4", "webm"}


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
    # How the figure meets a phone: a photo fits the screen's width; a diagram
    # keeps the size it was drawn for, so its small words stay readable, and
    # scrolls sideways in its frame. Diagram by default: every figure written
    # before the choice existed is shown so, and a diagram shrunk to a phone's
    # width is unreadable, while a photo kept at its size only scrolls.
    kind = blocks.ChoiceBlock(
        label=_("Tipo"),
        choices=[
            ("diagram", _("Schema con testo")),
            ("photo", _("Fotografia")),
        ],
        default="diagram",
        # How it is shown, not what it says: a learner's search for "schema"
        # must not find every module with a figure.
        search_index=False,
        help_text=_(
            "Sul telefono una fotografia si adatta alla larghezza dello schermo; "
            "uno schema con testo resta alla sua grandezza, perché le scritte si "
            "leggano, e si scorre di lato."
        ),
    )
    caption = blocks.CharBlock(label=_("Didascalia"), required=False)

    class Meta:
        icon = "image"
        template = "content/blocks/figure.html"
        label = _("Immagine")
        description = _("Un'immagine con testo alternativo e didascalia.")

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image is not None and getattr(image, "decorative", False):
            raise StructBlockValidationError(
                block_errors={"image": ValidationError(FIGURE_NEEDS_ALT)}
            )
        return value


def _extension(document) -> str:
    return (document.file_extension or "").lower() if document else ""


class AudioBlock(blocks.StructBlock):
    """A recording (a call, a customer's message) with its transcript: the
    transcript is required, for whoever cannot listen and for reading along."""

    title = blocks.CharBlock(label=_("Titolo"))
    audio = DocumentChooserBlock(
        label=_("File audio"),
        help_text=_("Un MP3, OGG/Opus o M4A caricato tra i documenti."),
    )
    transcript = blocks.TextBlock(
        label=_("Trascrizione"),
        help_text=_(
            "Obbligatoria. Una battuta per riga, nella forma «Cliente: testo» o "
            "«Agente: testo»."
        ),
    )

    class Meta:
        icon = "media"
        template = "content/blocks/audio.html"
        label = _("Audio con trascrizione")
        description = _(
            "Una registrazione da ascoltare, per esempio una telefonata, con la sua "
            "trascrizione."
        )
        preview_value = {
            "title": "Una telefonata di esempio",
            "transcript": (
                "Cliente: Buongiorno, chiamo per una consegna che non è arrivata.\n"
                "Agente: Buongiorno, mi dispiace. Verifico subito: mi dà il numero "
                "dell'ordine?"
            ),
        }

    def clean(self, value):
        value = super().clean(value)
        if _extension(value.get("audio")) not in AUDIO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"audio": ValidationError(NOT_AUDIO)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lines"] = transcript_lines(value.get("transcript") or "")
        context["mime"] = value["audio"].content_type if value.get("audio") else ""
        return context


AGENT_SPEAKERS = {"agente", "operatore", "operatrice", "agent"}


def transcript_lines(text: str) -> list[dict]:
    """«Speaker: words» lines as {speaker, text, agent}; a line without a
    speaker keeps an empty one. The agent's lines are set apart, as in a chat."""
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        speaker, sep, said = line.partition(":")
        if not sep or len(speaker) > 40:
            speaker, said = "", line
        speaker = speaker.strip()
        lines.append(
            {
                "speaker": speaker,
                "text": said.strip(),
                "agent": speaker.casefold() in AGENT_SPEAKERS,
            }
        )
    return lines


class VideoFileBlock(blocks.StructBlock):
    """A video file served by the platform, with WebVTT captions: no external
    service is needed to play it."""

    title = blocks.CharBlock(label=_("Titolo"))
    video = DocumentChooserBlock(
        label=_("File video"), help_text=_("Un MP4 o WebM caricato tra i documenti.")
    )
    captions = DocumentChooserBlock(
        label=_("Sottotitoli (WebVTT)"),
        help_text=_("Obbligatori: il file .vtt con i sottotitoli in italiano."),
    )
    poster = ImageChooserBlock(label=_("Immagine di anteprima"), required=False)
    transcript = blocks.TextBlock(
        label=_("Trascrizione"),
        required=False,
        help_text=_("Facoltativa: una battuta per riga, «Chi parla: testo»."),
    )

    class Meta:
        icon = "media"
        template = "content/blocks/video_file.html"
        label = _("Video con sottotitoli")
        description = _(
            "Un video caricato sulla piattaforma, con i sottotitoli WebVTT."
        )
        preview_value = {"title": "Un video di esempio"}

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if _extension(value.get("video")) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(NOT_VIDEO)
        if _extension(value.get("captions")) != "vtt":
            errors["captions"] = ValidationError(NOT_CAPTIONS)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lines"] = transcript_lines(value.get("transcript") or "")
        context["mime"] = value["video"].content_type if value.get("video") else ""
        return context


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Indirizzo del video"),
        help_text=_("Link a YouTube, Vimeo o un altro servizio supportato."),
    )
    caption = blocks.CharBlock(label=_("Didascalia"), required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"
        label = _("Video esterno")
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


CHANNELS = {
    "phone": _("Telefono"),
    "chat": _("Chat"),
    "email": _("E-mail"),
    "counter": _("Sportello"),
}


def _channel_block(*codes: str) -> blocks.ChoiceBlock:
    """Where a conversation takes place, in one vocabulary for every block; a
    plain `ChoiceBlock`, so the pages' migrations keep naming Wagtail's own."""
    return blocks.ChoiceBlock(
        label=_("Canale"),
        choices=[(code, CHANNELS[code]) for code in codes],
        default="phone",
    )


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
    channel = _channel_block("phone", "chat", "counter")
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

    def get_context(self, value, parent_context=None):
        """Each cell with its column's heading: on a phone the table is laid out
        row by row, and a cell shows the heading it no longer stands under."""
        context = super().get_context(value, parent_context)
        headings = [column["heading"] for column in value.columns]
        context["labelled_rows"] = [
            list(zip(headings, row, strict=True)) for row in value.rows
        ]
        return context


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
        # The learner's own answers or runs show in it: never a shared
        # fragment (content.fragments).
        personal = True
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


class ScenarioChoiceBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Risposta dell'agente"))
    reaction = blocks.TextBlock(label=_("Reazione del cliente"))
    coach = blocks.TextBlock(
        label=_("Commento del coach"),
        help_text=_("Perché questa risposta funziona, o che cosa le manca."),
    )
    next_step = blocks.CharBlock(
        label=_("Passo successivo"),
        required=False,
        max_length=40,
        help_text=_(
            "Il codice del passo a cui porta questa risposta; vuoto se la "
            "conversazione finisce qui."
        ),
    )
    ending = blocks.ChoiceBlock(
        label=_("Esito, se finisce qui"),
        choices=scenarios.RATINGS,
        required=False,
    )

    class Meta:
        icon = "radio-full"
        label = _("Risposta")


class ScenarioStepBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        label=_("Codice del passo"),
        max_length=40,
        help_text=_(
            "Un nome breve e unico, per esempio «inizio» o «dopo-le-scuse». Il "
            "primo passo apre la conversazione."
        ),
    )
    customer = blocks.TextBlock(label=_("Il cliente dice"))
    audio = DocumentChooserBlock(
        label=_("Registrazione della battuta"),
        required=False,
        help_text=_("Facoltativa: la battuta del cliente da ascoltare."),
    )
    choices = blocks.ListBlock(
        ScenarioChoiceBlock(), label=_("Risposte possibili"), min_num=2, max_num=4
    )

    class Meta:
        icon = "openquote"
        label = _("Passo")


SCENARIO_PREVIEW = {
    "title": "Il costo che nessuno aveva spiegato",
    "situation": "Un cliente scopre un canone mensile che non si aspettava.",
    "channel": "counter",
    "steps": [
        {
            "key": "inizio",
            "customer": "Devo pagare per usare l'app? Nessuno me l'ha detto.",
            "choices": [
                {
                    "text": "Ha ragione, andava spiegato prima. Vediamo insieme le "
                    "offerte con l'app inclusa.",
                    "reaction": "Va bene, almeno qualcuno mi ascolta.",
                    "coach": "Riconosci la mancanza e passi a una soluzione.",
                    "ending": scenarios.GOOD,
                },
                {
                    "text": "È scritto nel contratto che ha firmato.",
                    "reaction": "Quindi la colpa è mia? Chiudo il conto.",
                    "coach": "Vero, ma il cliente si sente accusato.",
                    "ending": scenarios.POOR,
                },
            ],
        }
    ],
}


class ScenarioBlock(blocks.StructBlock):
    """A branching conversation: the learner picks the agent's reply at each step
    and sees where it leads. Authored as a small graph of steps, checked so that
    every step is reachable, every path ends and at least one ends «Ottimo»."""

    title = blocks.CharBlock(label=_("Titolo"))
    situation = blocks.TextBlock(
        label=_("Situazione"),
        required=False,
        help_text=_("Chi è il cliente, che cosa è successo prima."),
    )
    channel = _channel_block("phone", "chat", "email", "counter")
    steps = blocks.ListBlock(ScenarioStepBlock(), label=_("Passi"), min_num=1)

    class Meta:
        # The learner's own answers or runs show in it: never a shared
        # fragment (content.fragments).
        personal = True
        icon = "comment"
        template = "content/blocks/scenario.html"
        label = _("Scenario a bivi")
        description = _(
            "Una conversazione con il cliente in cui l'agente sceglie la risposta a "
            "ogni passo; ogni scelta mostra la reazione del cliente e il commento "
            "del coach, fino a un esito: ottimo, accettabile o da evitare."
        )
        preview_value = SCENARIO_PREVIEW

    def clean(self, value):
        value = super().clean(value)
        errors = scenarios.graph_errors(scenarios.graph_from_value(value))
        if errors:
            raise _placed(errors)
        return value

    def get_context(self, value, parent_context=None):
        """The module page puts the learner's latest run of each scenario (by
        block id) in `scenario_runs`; without one (a preview) the whole graph is
        shown as a storyboard."""
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        graph = scenarios.graph_from_value(value)
        runs = context.get("scenario_runs")
        playable = bool(
            block_id and runs is not None and not context.get("learner_preview")
        )
        context.update(
            {
                "block_id": block_id,
                "graph": graph,
                "playable": playable,
            }
        )
        if playable:
            run = runs.get(block_id)
            walk = scenarios.walk(graph, run.picks if run else [])
            context["walk"] = walk
            context["ending_label"] = scenarios.rating_label(walk.ending)
        else:
            context["storyboard"] = _storyboard(graph)
        return context


def _storyboard(graph: dict) -> list[dict]:
    """Every step with where each reply leads (the position of the step it
    leads to, from 1) or its rating, for the preview."""
    position = {step["key"]: n for n, step in enumerate(graph["steps"], start=1)}
    return [
        {
            **step,
            "choices": [
                {
                    **choice,
                    "target": position.get(choice["next"]),
                    "ending_label": scenarios.rating_label(choice["ending"]),
                }
                for choice in step["choices"]
            ],
        }
        for step in graph["steps"]
    ]


def _placed(errors: list) -> StructBlockValidationError:
    """The graph's errors as the nested block errors the editor shows beside
    the field at fault."""
    general = [ValidationError(e.message) for e in errors if e.step is None]
    by_step: dict[int, dict] = {}
    for error in errors:
        if error.step is None:
            continue
        step = by_step.setdefault(error.step, {"fields": {}, "choices": {}})
        if error.choice is None:
            step["fields"].setdefault(error.field, ValidationError(error.message))
        else:
            step["choices"].setdefault(
                error.choice,
                StructBlockValidationError(
                    block_errors={
                        error.field or "next_step": ValidationError(error.message)
                    }
                ),
            )
    step_errors = {}
    for index, step in by_step.items():
        block_errors = dict(step["fields"])
        if step["choices"]:
            block_errors["choices"] = ListBlockValidationError(
                block_errors=step["choices"]
            )
        step_errors[index] = StructBlockValidationError(block_errors=block_errors)
    block_errors = {}
    if step_errors:
        block_errors["steps"] = ListBlockValidationError(block_errors=step_errors)
    return StructBlockValidationError(
        block_errors=block_errors, non_block_errors=general
    )


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    audio = AudioBlock()
    video_file = VideoFileBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
    do_dont = DoDontBlock()
    dialogue = DialogueBlock()
    document = DocumentBlock()
    table = DataTableBlock()
    knowledge_check = KnowledgeCheckBlock()
    scenario = ScenarioBlock()
