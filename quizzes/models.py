from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    Orderable,
    PreviewableMixin,
)
from wagtail.search import index

from content import scenarios
from content.blocks import ScenarioBlock
from content.governance import GovernedMixin
from content.translation import TranslatableSnippetMixin

from .admin_forms import QuestionAdminForm, QuizAdminForm
from .panels import OriginalSelectionPanel, SelectionInlinePanel


class Topic(models.Model):
    """A topic of the question bank: quizzes draw random questions from it."""

    name = models.CharField(_("nome"), max_length=120, unique=True)
    description = models.TextField(_("descrizione"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("argomento")
        verbose_name_plural = _("argomenti")

    def __str__(self):
        return self.name


class Question(
    TranslatableSnippetMixin,
    PreviewableMixin,
    GovernedMixin,
    index.Indexed,
    ClusterableModel,
):
    """A question in the bank. Quizzes pick questions from here.

    Every type keeps its answers in `options`; what an option means depends on
    the type (see `QuestionOption`).
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Scelta singola")
        MULTIPLE = "multiple", _("Scelta multipla")
        TRUE_FALSE = "true_false", _("Vero o falso")
        SHORT_TEXT = "short_text", _("Risposta breve")
        ORDERING = "ordering", _("Ordinamento")
        MATCHING = "matching", _("Abbinamento")
        SCENARIO = "scenario", _("Scenario con il cliente")
        BRANCHING = "branching", _("Scenario a bivi")

    text = models.TextField(_("domanda"))
    kind = models.CharField(
        _("tipo"), max_length=20, choices=Kind.choices, default=Kind.SINGLE
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("argomento"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    scenario = models.TextField(
        _("situazione"),
        blank=True,
        help_text=_("Solo per gli scenari: la situazione o il messaggio del cliente."),
    )
    dialogue = models.TextField(
        _("dialogo"),
        blank=True,
        help_text=_(
            "Solo per gli scenari, facoltativo: una battuta per riga, nella forma "
            "«Cliente: testo»."
        ),
    )
    branching = StreamField(
        [("scenario", ScenarioBlock())],
        verbose_name=_("scenario a bivi"),
        blank=True,
        max_num=1,
        help_text=_(
            "Solo per gli scenari a bivi: la conversazione a passi. Il punteggio "
            "dipende dall'esito a cui arriva l'agente: ottimo 1 punto, accettabile "
            "mezzo punto, da evitare nessuno."
        ),
    )
    partial_credit = models.BooleanField(
        _("punteggio parziale"),
        default=False,
        help_text=_(
            "Scelta multipla, ordinamento e abbinamento: assegna una parte del "
            "punto alle risposte in parte giuste. Altrimenti vale tutto o niente."
        ),
    )
    explanation = models.TextField(
        _("spiegazione"),
        blank=True,
        help_text=_("Mostrata al discente dopo la correzione, se il quiz lo consente."),
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
        MultiFieldPanel(
            [FieldPanel("scenario"), FieldPanel("dialogue")],
            heading=_("Scenario con il cliente"),
            # question_form.js finds the section by this, in any language (its
            # id comes from the translated heading).
            attrs={"data-lms-section": "scenario"},
        ),
        FieldPanel("branching"),
        FieldPanel("partial_credit"),
        FieldPanel("explanation"),
        # The heading names the section, the label each row ("Opzione 1");
        # question_form.js finds the section by its data-lms-section.
        InlinePanel(
            "options",
            heading=_("Opzioni"),
            label=_("opzione"),
            attrs={"data-lms-section": "options"},
            help_text=_(
                "Scelta singola, multipla, vero o falso e scenario: le risposte "
                "proposte, con quelle corrette segnate. Risposta breve: le risposte "
                "accettate. Ordinamento: i passi nell'ordine giusto. Abbinamento: "
                "ogni elemento con il suo abbinamento. Lo scenario a bivi non ha "
                "opzioni: le risposte sono nei suoi passi."
            ),
        ),
    ]
    base_form_class = QuestionAdminForm
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
        index.FilterField("topic"),
    ]

    class Meta(TranslatableSnippetMixin.Meta):
        verbose_name = _("domanda")
        verbose_name_plural = _("domande")

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"

    @property
    def scenario_graph(self) -> dict | None:
        """The branching scenario as plain data (`content.scenarios`), or None."""
        if self.kind != self.Kind.BRANCHING or not self.branching:
            return None
        return scenarios.graph_from_value(self.branching[0].value)

    def get_preview_template(self, request, mode_name):
        return "quizzes/admin/question_preview.html"

    def get_preview_context(self, request, mode_name):
        """The question as a learner meets it in a quiz (the options in the
        order they are written; a quiz may shuffle them), built from the
        editor's unsaved form."""
        from .preview import question_preview

        context = super().get_preview_context(request, mode_name)
        return {**context, **question_preview(self)}

    @property
    def dialogue_lines(self) -> list[tuple[str, str]]:
        lines = []
        for line in self.dialogue.splitlines():
            speaker, sep, said = line.partition(":")
            if line.strip():
                lines.append((speaker.strip(), said.strip()) if sep else ("", line))
        return lines


class QuestionOption(Orderable):
    """An option of a question.

    Choice types: a proposed answer, `is_correct` marks the right ones. Short
    text: an accepted answer. Ordering: a step; the sort order is the right
    order. Matching: an item and, in `match`, what it pairs with.
    """

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("testo"), max_length=500)
    is_correct = models.BooleanField(_("corretta"), default=False)
    match = models.CharField(
        _("abbinamento"),
        max_length=500,
        blank=True,
        help_text=_("Solo per l'abbinamento: l'elemento da associare a questo."),
    )
    feedback = models.TextField(
        _("commento"),
        blank=True,
        help_text=_("Perché questa risposta è giusta o sbagliata."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("is_correct"),
        FieldPanel("match"),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opzione")
        verbose_name_plural = _("opzioni")
        # Options made in code (the demo, imports, the load test) have no sort
        # order: they keep the order they were created in. Without the tie-break
        # PostgreSQL may return them in any order, and an ordering question's
        # right order would change between two attempts.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text


class Quiz(TranslatableSnippetMixin, GovernedMixin, index.Indexed, ClusterableModel):
    class Layout(models.TextChoices):
        ALL = "all", _("Più domande per pagina")
        ONE = "one", _("Una domanda per pagina")

    class ReviewWhen(models.TextChoices):
        IMMEDIATELY = "immediately", _("Subito dopo la consegna")
        AFTER_PASSING = "after_passing", _("Dopo aver superato il quiz")
        AFTER_LAST = "after_last", _("Quando non restano tentativi")

    class Counts(models.TextChoices):
        HIGHEST = "highest", _("Il tentativo migliore")
        LAST = "last", _("L'ultimo tentativo")

    base_form_class = QuizAdminForm
    # What an attempt takes from the original quiz, in whatever language the
    # learner reads it (`services.attempt_start`): a translation words the
    # quiz, it does not set its rules.
    RULE_FIELDS = (
        "pass_mark",
        "counts",
        "max_attempts",
        "wait_minutes",
        "time_limit_minutes",
        "shuffle_questions",
        "shuffle_options",
        "layout",
        "review_when",
        "review_answers",
        "review_correctness",
        "review_right_answers",
        "review_feedback",
    )
    # And the questions it asks: a translation words them (each question has
    # its own translation), it does not choose them.
    SELECTION = ("items", "draws")

    title = models.CharField(_("titolo"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        _("soglia di superamento (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("tentativi massimi"), default=0, help_text=_("0: illimitati.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("attesa tra i tentativi (minuti)"), default=0
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("tempo massimo (minuti)"), default=0, help_text=_("0: senza limite.")
    )
    shuffle_questions = models.BooleanField(_("mescola le domande"), default=True)
    shuffle_options = models.BooleanField(_("mescola le opzioni"), default=True)
    layout = models.CharField(
        _("impaginazione"), max_length=10, choices=Layout.choices, default=Layout.ALL
    )
    review_answers = models.BooleanField(_("mostra le risposte date"), default=True)
    review_correctness = models.BooleanField(_("mostra se sono corrette"), default=True)
    review_right_answers = models.BooleanField(
        _("mostra le risposte giuste"),
        default=True,
        help_text=_(
            "Solo dopo un quiz superato o dopo l'ultimo tentativo: mai quando si "
            "può ancora riprovare."
        ),
    )
    review_feedback = models.BooleanField(_("mostra i commenti"), default=True)
    review_when = models.CharField(
        _("revisione disponibile"),
        max_length=20,
        choices=ReviewWhen.choices,
        default=ReviewWhen.AFTER_LAST,
    )
    counts = models.CharField(
        _("tentativo che conta"),
        max_length=10,
        choices=Counts.choices,
        default=Counts.HIGHEST,
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("counts")]),
                FieldRowPanel(
                    [
                        FieldPanel("max_attempts"),
                        FieldPanel("wait_minutes"),
                        FieldPanel("time_limit_minutes"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("shuffle_questions"),
                        FieldPanel("shuffle_options"),
                        FieldPanel("layout"),
                    ]
                ),
            ],
            heading=_("Regole"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_when"),
                FieldRowPanel(
                    [
                        FieldPanel("review_answers"),
                        FieldPanel("review_correctness"),
                        FieldPanel("review_right_answers"),
                        FieldPanel("review_feedback"),
                    ]
                ),
            ],
            heading=_("Revisione"),
        ),
        # On a translation, the original's questions, read-only (`panels`).
        # The heading names the section; the label each row ("Domanda fissa 1")
        # and the add button ("Aggiungi domanda fissa").
        SelectionInlinePanel(
            "items", heading=_("Domande fisse"), label=_("domanda fissa")
        ),
        SelectionInlinePanel(
            "draws", heading=_("Domande estratte a caso"), label=_("estrazione casuale")
        ),
        OriginalSelectionPanel(heading=_("Domande")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableSnippetMixin.Meta):
        verbose_name = _("quiz")
        # The same word in Italian, not in English ("quizzes").
        verbose_name_plural = pgettext_lazy("plurale", "quiz")

    def __str__(self):
        return self.title


class QuizItem(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        Question,
        verbose_name=_("domanda"),
        on_delete=models.PROTECT,
        related_name="quiz_items",
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("domanda del quiz")
        verbose_name_plural = _("domande del quiz")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question"], name="quizitem_question_once"
            )
        ]


class QuizDraw(Orderable):
    """'N questions from topic T', drawn afresh for every attempt."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("argomento"),
        on_delete=models.PROTECT,
        related_name="draws",
    )
    count = models.PositiveSmallIntegerField(
        _("numero di domande"), default=1, validators=[MinValueValidator(1)]
    )

    panels = [FieldRowPanel([FieldPanel("topic"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("estrazione casuale")
        verbose_name_plural = _("estrazioni casuali")


class Attempt(models.Model):
    """One sitting of a quiz by one learner, graded on the server.

    Its answers are created when it starts and keep a snapshot of each question
    and its options as shown, so editing the bank later never changes it.
    """

    class State(models.TextChoices):
        STARTED = "started", _("Iniziato")
        IN_PROGRESS = "in_progress", _("In corso")
        GRADED = "graded", _("Valutato")

    OPEN_STATES = (State.STARTED, State.IN_PROGRESS)
    # The quiz fields an attempt keeps in `rules` (the pass mark and the
    # deadline have fields of their own).
    RULES = (
        "max_attempts",
        "time_limit_minutes",
        "layout",
        "review_when",
        "review_answers",
        "review_correctness",
        "review_right_answers",
        "review_feedback",
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("corso"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    state = models.CharField(
        _("stato"), max_length=20, choices=State.choices, default=State.STARTED
    )
    # Set by attempt_start, which also counts the deadline from it.
    started_at = models.DateTimeField(
        _("iniziato il"), default=timezone.now, editable=False
    )
    deadline = models.DateTimeField(_("scade il"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("consegnato il"), null=True, blank=True)
    graded_at = models.DateTimeField(_("valutato il"), null=True, blank=True)
    expired = models.BooleanField(_("consegnato allo scadere del tempo"), default=False)
    score = models.DecimalField(
        _("punteggio (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(_("soglia applicata (%)"))
    # The quiz's other rules as they were when the attempt started (`RULES`):
    # a change published while the attempt is open does not touch it. Empty
    # for attempts started before rules were kept; those read the quiz.
    rules = models.JSONField(_("regole applicate"), default=dict, blank=True)
    # The published version of the quiz the attempt was started on (null for
    # attempts started before versions were kept, or a quiz never published
    # through the admin).
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("versione del quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    passed = models.BooleanField(_("superato"), default=False)
    # What the attempt is for, as the app that started it names it: "" for a
    # course's final quiz, "policy:<id>" for a policy review. Attempts count
    # only for their own purpose (limits, waiting time, "already passed").
    purpose = models.CharField(_("scopo"), max_length=40, blank=True, default="")

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("tentativo")
        verbose_name_plural = _("tentativi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "course", "purpose"],
                condition=Q(state__in=["started", "in_progress"]),
                name="attempt_one_open_per_learner_and_purpose",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.quiz} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def is_graded(self) -> bool:
        return self.state == self.State.GRADED

    def rule(self, name: str):
        """A rule the attempt was started under: its own copy, else (an attempt
        from before copies were kept) the quiz's live value."""
        if name in self.rules:
            return self.rules[name]
        return getattr(self.quiz, name)


class Answer(models.Model):
    """One question as shown in one attempt, and what the learner answered.

    `snapshot` holds everything grading and review need, copied when the attempt
    started: {"options": [{"id", "key", "text", "correct", "feedback", "match",
    "mkey", "rank"}, ...] in display order, "match_keys": [the matches' own keys,
    shuffled], "scenario", "dialogue", "explanation", "partial"}. Keys are random
    per attempt, so nothing in the page (not even the order of ids) hints at the
    right answer.
    """

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(
        max_length=20, choices=Question.Kind.choices, default=Question.Kind.SINGLE
    )
    question_text = models.TextField()
    snapshot = models.JSONField(default=dict)
    response = models.JSONField(null=True, blank=True)
    credit = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="answer_one_per_position"
            )
        ]

    def __str__(self):
        return f"{self.attempt} #{self.position}"

    @property
    def options(self) -> list[dict]:
        return self.snapshot.get("options", [])

    @property
    def is_answered(self) -> bool:
        return self.response not in (None, "", [], {})
