from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    """A question in the bank. Quizzes pick questions from here."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Scelta singola")
        MULTIPLE = "multiple", _("Scelta multipla")

    text = models.TextField(_("domanda"))
    kind = models.CharField(
        _("tipo"), max_length=20, choices=Kind.choices, default=Kind.SINGLE
    )
    explanation = models.TextField(
        _("spiegazione"),
        blank=True,
        help_text=_("Mostrata al discente dopo la correzione."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("explanation"),
        InlinePanel("options", label=_("Opzioni"), min_num=2),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text")]

    class Meta:
        verbose_name = _("domanda")
        verbose_name_plural = _("domande")

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"


class QuestionOption(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("testo"), max_length=500)
    is_correct = models.BooleanField(_("corretta"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("opzione")
        verbose_name_plural = _("opzioni")

    def __str__(self):
        return self.text


class Quiz(RevisionMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("titolo"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        _("soglia di superamento (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("pass_mark"),
        InlinePanel("items", label=_("Domande"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")

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


class Attempt(models.Model):
    """One sitting of a quiz by one learner, graded on the server.

    The answers keep a snapshot of the question and options as shown, so editing
    the bank later never changes a past score.
    """

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
    started_at = models.DateTimeField(_("iniziato il"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("consegnato il"), null=True, blank=True)
    score = models.DecimalField(
        _("punteggio (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(_("soglia applicata (%)"))
    passed = models.BooleanField(_("superato"), default=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("tentativo")
        verbose_name_plural = _("tentativi")

    def __str__(self):
        return f"{self.user} – {self.quiz} ({self.started_at:%Y-%m-%d %H:%M})"


class Answer(models.Model):
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    position = models.PositiveSmallIntegerField()
    question_text = models.TextField()
    # [{"id": 3, "text": "...", "correct": true}, ...] as shown in this attempt.
    options_snapshot = models.JSONField(default=list)
    selected_option_ids = models.JSONField(default=list)
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
