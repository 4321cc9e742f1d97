"""Observed practice: checklists (governed snippets), observations of an agent
at work, and a course's requirement of passed observations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import (
    Orderable,
)
from wagtail.search import index

from content.governance import GovernedMixin
from lms.admin_forms import AdminModelForm

# The six behaviour parameters of the service standards: the groups a checklist
# usually has (any other text is accepted too).
PARAMETERS = (
    _("Espressione e gestualità"),
    _("Lessico e formule verbali"),
    _("Distanza"),
    _("Aspetto"),
    _("Velocità e tempi"),
    _("Sicurezza"),
)

MIN_LEVEL_ABOVE_SCALE = _("Il livello minimo non può superare il massimo della scala.")
LEVELS_DONT_MATCH = _(
    "Scrivi una descrizione per ogni livello, da 0 a {max}: una per riga "
    "({expected} righe), oppure nessuna."
)


class Checklist(GovernedMixin, index.Indexed, ClusterableModel):
    """What an observer scores on a call or at the counter. It changes what a
    certificate means, so it is governed as quizzes are: a trainer's save is a
    revision, the row stays the live version until a lead trainer approves it in
    the "Revisione formazione" workflow, and a checklist never published is
    offered to nobody. An observation keeps the revision and a snapshot of the
    criteria it was made with."""

    title = models.CharField(_("titolo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("soglia di superamento (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Percentuale del punteggio massimo. Un criterio critico sotto il suo "
            "minimo fa comunque fallire l'osservazione."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("pass_mark"),
        # The heading names the section, the label each row ("Criterio 1") and
        # the add button ("Aggiungi criterio").
        InlinePanel("criteria", heading=_("Criteri"), label=_("criterio"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("griglia di osservazione")
        verbose_name_plural = _("griglie di osservazione")

    def __str__(self):
        return self.title

    def snapshot(self) -> dict:
        """The checklist as an observation keeps it: later edits never change
        an observation already started."""
        return {
            "title": self.title,
            "pass_mark": self.pass_mark,
            "criteria": [
                {
                    "key": str(criterion.pk),
                    "group": criterion.group,
                    "text": criterion.text,
                    "max": criterion.scale_max,
                    "levels": criterion.level_list,
                    "critical": criterion.critical,
                    "min": criterion.min_level if criterion.critical else 0,
                }
                for criterion in self.criteria.all()
            ],
        }


class Criterion(Orderable):
    checklist = ParentalKey(
        Checklist, on_delete=models.CASCADE, related_name="criteria"
    )
    group = models.CharField(
        _("parametro"),
        max_length=120,
        help_text=_(
            "Uno dei sei parametri (Espressione e gestualità, Lessico e formule "
            "verbali, Distanza, Aspetto, Velocità e tempi, Sicurezza) o un altro "
            "raggruppamento."
        ),
    )
    text = models.CharField(_("criterio"), max_length=300)
    scale_max = models.PositiveSmallIntegerField(
        _("massimo della scala"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    levels = models.TextField(
        _("descrizione dei livelli"),
        blank=True,
        help_text=_("Una riga per livello, dallo 0 al massimo."),
    )
    critical = models.BooleanField(
        _("critico"),
        default=False,
        help_text=_("Sotto il livello minimo l'osservazione non è superata."),
    )
    min_level = models.PositiveSmallIntegerField(_("livello minimo"), default=2)

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("scale_max")]),
        FieldPanel("text"),
        FieldPanel("levels"),
        FieldRowPanel([FieldPanel("critical"), FieldPanel("min_level")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterio")
        verbose_name_plural = _("criteri")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text

    @property
    def level_list(self) -> list[str]:
        return [line.strip() for line in self.levels.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.critical and self.min_level > self.scale_max:
            errors["min_level"] = MIN_LEVEL_ABOVE_SCALE
        count = len(self.level_list)
        if count and count != self.scale_max + 1:
            errors["levels"] = str(LEVELS_DONT_MATCH).format(
                max=self.scale_max, expected=self.scale_max + 1
            )
        if errors:
            raise ValidationError(errors)


class Observation(models.Model):
    """One observation of an agent at work by an observer (their team leader or
    a trainer), scored on a checklist revision. Drafted, then submitted (the
    result is computed then and never changes), then acknowledged by the agent."""

    class Context(models.TextChoices):
        CALL = "call", _("Chiamata")
        COUNTER = "counter", _("Sportello")
        RECORDING = "recording", _("Registrazione")

    class State(models.TextChoices):
        DRAFT = "draft", _("Bozza")
        SUBMITTED = "submitted", _("Inviata")
        ACKNOWLEDGED = "acknowledged", _("Presa visione")

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agente"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("osservatore"),
        on_delete=models.PROTECT,
        related_name="observations_made",
    )
    checklist = models.ForeignKey(
        Checklist,
        verbose_name=_("griglia"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    checklist_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("versione della griglia"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("griglia usata"), default=dict)
    context = models.CharField(
        _("contesto"), max_length=20, choices=Context.choices, default=Context.CALL
    )
    observed_on = models.DateField(_("data"))
    minutes = models.PositiveSmallIntegerField(
        _("durata (minuti)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(480)],
    )
    scores = models.JSONField(_("punteggi"), default=dict, blank=True)
    group_comments = models.JSONField(
        _("commenti per parametro"), default=dict, blank=True
    )
    strengths = models.TextField(_("punti di forza"), blank=True)
    improvement = models.TextField(_("una cosa da migliorare"), blank=True)
    state = models.CharField(
        _("stato"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    score = models.DecimalField(
        _("punteggio (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("superata"), null=True, blank=True)
    # {group: percentage}, computed on submit for trends and team results.
    group_results = models.JSONField(
        _("risultati per parametro"), default=dict, blank=True
    )
    submitted_at = models.DateTimeField(_("inviata il"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("presa visione il"), null=True, blank=True)
    agent_comment = models.TextField(_("commento dell'agente"), blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modificata il"), auto_now=True)

    class Meta:
        verbose_name = _("osservazione")
        verbose_name_plural = _("osservazioni")
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["agent", "state", "observed_on"]),
            models.Index(fields=["observer", "state"]),
        ]

    def __str__(self):
        return f"{self.snapshot.get('title', '')} · {self.observed_on:%d/%m/%Y}"

    @property
    def criteria(self) -> list[dict]:
        return self.snapshot.get("criteria", [])

    @property
    def groups(self) -> list[str]:
        """The checklist's groups in the order of their first criterion."""
        seen: dict[str, None] = {}
        for criterion in self.criteria:
            seen.setdefault(criterion["group"], None)
        return list(seen)

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


class ObservationRequirement(models.Model):
    """A course's certificate needs passed observations: `count` of them, made
    within the `within_days` days before the requirement is counted (and not
    before the enrolment's current cycle started). Kept here, not on the
    course, so courses knows nothing of observations."""

    base_form_class = AdminModelForm

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("corso"),
        on_delete=models.CASCADE,
        related_name="observation_requirement",
    )
    checklist = models.ForeignKey(
        Checklist,
        verbose_name=_("griglia"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
        help_text=_("Vuoto: vale un'osservazione con qualunque griglia."),
    )
    count = models.PositiveSmallIntegerField(
        _("osservazioni superate richieste"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    within_days = models.PositiveSmallIntegerField(
        _("entro giorni"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "Contano le osservazioni superate degli ultimi giorni indicati, "
            "fatte nel ciclo corrente dell'iscrizione."
        ),
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("checklist"),
        FieldRowPanel([FieldPanel("count"), FieldPanel("within_days")]),
    ]

    class Meta:
        verbose_name = _("osservazione richiesta")
        verbose_name_plural = _("osservazioni richieste")

    def __str__(self):
        return str(self.course)
