"""Certifications: what HR tracks. A certification is earned by an onboarding
course, renewed by refresher courses and may expire; each person's current
standing is derived from certificates and assignments and kept in a summary
table so that HR pages stay fast."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import AbstractGroupApprovalTask

from content.governance import GovernedMixin
from lms.admin_forms import AdminModelForm
from people.widgets import RoleSelectMultiple

from .derivation import SHORTEST_MONTH_DAYS, longest_renewal_window

VALIDITY_TOO_SHORT = _(
    "La validità dev'essere di almeno 1 mese: lascia il campo vuoto se la "
    "certificazione non scade."
)
WINDOW_TOO_LONG = _(
    "La finestra di rinnovo dev'essere più breve della validità: con questa "
    "validità, al massimo {days} giorni."
)
VALIDITY_AND_WINDOW = _(
    "La validità dev'essere di almeno 1 mese e la finestra di rinnovo più breve "
    "della validità."
)


class Certification(GovernedMixin, ClusterableModel):
    """A certification's rules (validity, renewal window, courses, for whom it
    is required) decide when every certificate of it expires, so they change
    only through review, like a quiz's pass mark: HR's save is a revision and
    the row stays the live version, which is all that derivation, reminders,
    exports and the API read, until a lead trainer approves it. The relations
    are parental so that a revision carries them too."""

    base_form_class = AdminModelForm

    name = models.CharField(_("nome"), max_length=200, unique=True)
    description = models.TextField(_("descrizione"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("validità (mesi)"),
        null=True,
        blank=True,
        help_text=_("Vuoto: la certificazione non scade."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("finestra di rinnovo (giorni)"),
        default=60,
        help_text=_(
            "Quanti giorni prima della scadenza l'aggiornamento diventa "
            "disponibile e viene assegnato."
        ),
    )
    onboarding_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("corsi che la conferiscono"),
        related_name="certifications_earned",
        blank=True,
    )
    refresher_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("corsi di aggiornamento che la rinnovano"),
        related_name="certifications_renewed",
        blank=True,
    )
    lapsed_requires_onboarding = models.BooleanField(
        _("se scaduta, serve di nuovo il corso di inserimento"),
        default=False,
    )
    required_for_everyone = models.BooleanField(
        _("obbligatoria per tutti gli agenti"), default=False
    )
    required_departments = ParentalManyToManyField(
        "people.Department",
        verbose_name=_("obbligatoria per i reparti"),
        related_name="required_certifications",
        blank=True,
    )
    required_groups = ParentalManyToManyField(
        Group,
        verbose_name=_("obbligatoria per i ruoli"),
        related_name="required_certifications",
        blank=True,
    )
    due_days_after_hire = models.PositiveSmallIntegerField(
        _("da conseguire entro (giorni dall'assunzione)"), default=30
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("validity_months"),
                FieldPanel("renewal_window_days"),
                FieldPanel("lapsed_requires_onboarding"),
            ],
            heading=_("Validità e rinnovo"),
        ),
        MultiFieldPanel(
            [FieldPanel("onboarding_courses"), FieldPanel("refresher_courses")],
            heading=_("Corsi"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("required_for_everyone"),
                FieldPanel("required_departments"),
                FieldPanel("required_groups", widget=RoleSelectMultiple),
                FieldPanel("due_days_after_hire"),
            ],
            heading=_("Per chi è obbligatoria"),
        ),
    ]

    class Meta:
        verbose_name = _("certificazione")
        verbose_name_plural = _("certificazioni")
        ordering = ["name"]
        constraints = [
            # What `clean()` says field by field, kept by the database too: a
            # validity of 0 months would expire a certificate the day it is
            # issued, a window as long as the validity would assign the
            # refresher at once.
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True)
                | Q(
                    validity_months__gte=1,
                    renewal_window_days__lt=F("validity_months") * SHORTEST_MONTH_DAYS,
                ),
                name="certification_validity_and_window",
                violation_error_message=VALIDITY_AND_WINDOW,
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        months, window = self.validity_months, self.renewal_window_days
        if months is None:
            return
        if months < 1:
            raise ValidationError({"validity_months": VALIDITY_TOO_SHORT})
        longest = longest_renewal_window(months)
        if window is not None and window > longest:
            raise ValidationError(
                {"renewal_window_days": str(WINDOW_TOO_LONG).format(days=longest)}
            )


class StatusQuerySet(models.QuerySet):
    def live(self):
        """Rows of live certifications only: what every reader shows (HR's
        dashboard, filters and exports, the API). A certification just
        unpublished keeps its rows until the queued recomputation removes
        them (`publication.py`); read through this, it is gone at once."""
        return self.filter(certification__live=True)


class CertificationStatus(models.Model):
    """One row per person and required certification: the derived standing.

    Never edited by hand: the services that change certificates or assignments
    recompute it, and a repair command rebuilds the table from scratch.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Non iniziata")
        IN_PROGRESS = "in_progress", _("In corso")
        CERTIFIED = "certified", _("Certificato")
        EXPIRING = "expiring", _("In scadenza")
        REVIEW_REQUIRED = "review_required", _("Revisione di policy richiesta")
        EXPIRED = "expired", _("Scaduta")
        OVERDUE = "overdue", _("In ritardo")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="certification_statuses",
    )
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certificazione"),
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    status = models.CharField(_("stato"), max_length=20, choices=Status.choices)
    valid_until = models.DateField(_("valida fino al"), null=True, blank=True)
    due_date = models.DateField(_("scadenza"), null=True, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        verbose_name=_("certificato attuale"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    required_since = models.DateField(
        _("richiesta dal"),
        null=True,
        blank=True,
        help_text=_(
            "Il giorno in cui la certificazione è diventata obbligatoria per la "
            "persona: la prima scadenza si conta dal più tardi tra questo giorno "
            "e l'assunzione."
        ),
    )
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = StatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("stato di certificazione")
        verbose_name_plural = _("stati di certificazione")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "certification"],
                name="certification_status_one_per_user",
            )
        ]
        indexes = [
            models.Index(fields=["certification", "status"]),
            models.Index(fields=["status", "valid_until"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.certification}: {self.get_status_display()}"


class StatusCount(models.Model):
    """How many active people's status rows had each status at the end of a day,
    per certification and department: the figures HR's dashboard showed that
    day, as recorded then.

    Written once a day by the daily job, before it moves anything on, and read
    by the dashboard's trend ("30 giorni fa"). A record, not a cache: it is
    never invalidated, and it remembers what a derivation from today's data
    cannot (people who have left since, department moves, revocations).
    """

    day = models.DateField(_("giorno"))
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certificazione"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("reparto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("stato"), max_length=20, choices=CertificationStatus.Status.choices
    )
    count = models.PositiveIntegerField(_("persone"))

    class Meta:
        verbose_name = _("conteggio giornaliero degli stati")
        verbose_name_plural = _("conteggi giornalieri degli stati")
        indexes = [models.Index(fields=["day", "department", "certification"])]

    def __str__(self):
        return f"{self.day} · {self.certification_id} · {self.status}: {self.count}"


class DailyRun(models.Model):
    """One run of `manage.py lms_daily`: when, for which day, and what it did."""

    today = models.DateField(_("giorno di riferimento"))
    started_at = models.DateTimeField(_("iniziata il"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminata il"), null=True, blank=True)
    counts = models.JSONField(_("conteggi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("esecuzione giornaliera")
        verbose_name_plural = _("esecuzioni giornaliere")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.today} ({self.started_at:%Y-%m-%d %H:%M})"


class DailyAction(models.Model):
    class Kind(models.TextChoices):
        RULES = "rules", _("Regole di assegnazione applicate")
        EXPIRE = "expire", _("Certificato scaduto")
        ASSIGN = "assign", _("Aggiornamento assegnato")
        STATUS = "status", _("Stato cambiato")
        EMAIL = "email", _("E-mail accodata")

    run = models.ForeignKey(
        DailyRun,
        verbose_name=_("esecuzione"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certificazione"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.CharField(_("dettaglio"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("azione giornaliera")
        verbose_name_plural = _("azioni giornaliere")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.detail}"


class PolicyChange(models.Model):
    """A module revision marked by a trainer as a material change of policy.

    Everyone certified before it must re-read the changed module and pass a
    quiz on it (the change's own short quiz, else the course quiz) by
    `due_date`; their certificate stays valid until then.
    """

    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certificazione"),
        on_delete=models.PROTECT,
        related_name="policy_changes",
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("modulo"),
        on_delete=models.PROTECT,
        related_name="policy_changes",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("nuova revisione"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revisione precedente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("che cosa è cambiato"), max_length=2000)
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz di verifica"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Un quiz breve sulle modifiche, per esempio con domande estratte dagli "
            "argomenti dei moduli cambiati. Vuoto: il quiz finale del corso."
        ),
    )
    due_date = models.DateField(_("da completare entro"))
    created_at = models.DateTimeField(_("segnalata il"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("segnalata da"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("modifica sostanziale della policy")
        verbose_name_plural = _("modifiche sostanziali della policy")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.module} · {self.created_at:%Y-%m-%d}"


class PolicyApprovalTask(AbstractGroupApprovalTask):
    """The lead trainers' approval in the review workflow, with one more way to
    approve a module of a course that grants a certification: as a change of
    policy. The lead decides it in the publishing step, seeing how many people
    it will ask to review the change; the module is published and the review
    recorded in one transaction (`policy.policy_change_mark`)."""

    APPROVE_AS_POLICY = "approve_policy"

    def get_actions(self, obj, user):
        actions = list(super().get_actions(obj, user))
        if actions:
            from .policy import can_be_marked_on_approval

            if can_be_marked_on_approval(obj):
                actions.append(
                    (self.APPROVE_AS_POLICY, _("Approva come modifica di policy"), True)
                )
        return actions

    def get_form_for_action(self, action):
        if action == self.APPROVE_AS_POLICY:
            from .forms import PolicyApprovalForm

            return PolicyApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == self.APPROVE_AS_POLICY:
            return "certifications/admin/approve_as_policy_change.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != self.APPROVE_AS_POLICY:
            return super().on_action(task_state, user, action_name, **kwargs)
        from courses.models import ModulePage

        from .policy import policy_change_mark

        review = {name: kwargs.pop(name) for name in ("note", "due_days", "quiz")}
        task_state.approve(user=user, **kwargs)
        module = ModulePage.objects.get(pk=task_state.workflow_state.object_id)
        policy_change_mark(module=module, user=user, **review)
        return None

    @classmethod
    def get_description(cls):
        return _(
            "I membri dei gruppi scelti approvano; un modulo può essere approvato "
            "come modifica di policy, con la revisione per chi è certificato."
        )

    class Meta:
        verbose_name = _("approvazione con modifica di policy")
        verbose_name_plural = _("approvazioni con modifica di policy")
