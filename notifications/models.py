"""E-mails and in-app notifications: editable templates, one record per e-mail
(so nothing goes out twice for the same reason and day) and the learner's list."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from content.governance import GovernedMixin

PLACEHOLDERS = (
    "name",
    "course",
    "due_date",
    "days",
    "link",
    "items",
    "code",
    "note",
)
UNKNOWN_PLACEHOLDER = _(
    "Segnaposto sconosciuto: {{{field}}}. Quelli disponibili sono: {allowed}."
)
MALFORMED = _(
    "Testo non valido: controlla le parentesi graffe ({error}). Per scrivere una "
    "parentesi graffa raddoppiala: {{{{ o }}}}."
)


class Kind(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assegnazione")
    REMINDER = "reminder", _("Promemoria prima della scadenza")
    OVERDUE = "overdue", _("In ritardo")
    MANAGER_DIGEST = "manager_digest", _("Riepilogo settimanale per i responsabili")
    HR_DIGEST = "hr_digest", _("Riepilogo settimanale per HR")
    CERTIFICATE = "certificate", _("Certificato rilasciato")
    POLICY_REVIEW = "policy_review", _("Revisione di policy richiesta")
    POLICY_REMINDER = "policy_reminder", _("Promemoria della revisione di policy")
    POLICY_OVERDUE = "policy_overdue", _("Revisione di policy in ritardo")
    SESSION_BOOKED = "session_booked", _("Posto in una sessione confermato")
    SESSION_PROMOTED = "session_promoted", _("Posto liberato dalla lista d'attesa")
    SESSION_CANCELLED = "session_cancelled", _("Sessione annullata")
    SESSION_REMINDER = "session_reminder", _("Promemoria della sessione di domani")
    SESSION_BOOKING_CANCELLED = "session_booking_cancelled", _("Prenotazione disdetta")
    SESSION_MOVED = "session_moved", _("Sessione spostata")
    SURVEY = "survey", _("Questionario di gradimento")
    # In-app only: no e-mail of this kind is ever sent.
    QUIZ_FAILED = "quiz_failed", _("Quiz non superato")


FORMATTED = _(
    "Il segnaposto {{{field}}} non può avere formati o conversioni: scrivi "
    "solo {{{name}}}."
)


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of every placeholder; ValueError when
    the braces do not pair up."""
    return [
        (name, spec or "", conversion)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    ]


def placeholder_errors(text: str) -> list[str]:
    """Only bare known names: `{name}`. A format spec or conversion
    (`{name:>2000000}`, `{days:d}`, `{name!r}`) could blow a message up to
    megabytes or fail at sending time, so it is refused on save."""
    try:
        fields = _fields(text)
    except ValueError as error:
        return [MALFORMED.format(error=error)]
    errors = []
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS:
            errors.append(
                UNKNOWN_PLACEHOLDER.format(field=name, allowed=", ".join(PLACEHOLDERS))
            )
        elif spec or conversion:
            shown = (
                name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
            )
            errors.append(FORMATTED.format(field=shown, name=name))
    return errors


def fill_placeholders(text: str, values: dict) -> str:
    """The text with each `{name}` replaced by its value as plain text, and
    `{{`/`}}` by a brace. Never raises: a text saved before the rules above
    (or written to the database by hand) keeps whatever placeholder it cannot
    fill as it was written, instead of failing the sending service."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return text
    out = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if name in values and not spec and not conversion:
            out.append(str(values[name]))
        else:
            out.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return "".join(out)


class EmailTemplate(GovernedMixin, models.Model):
    """The text of one kind of e-mail, in Italian and English. Plain text with
    {placeholders}; the HTML version is made from it.

    A change is a draft until a lead trainer approves it in the review workflow:
    e-mails are written from the live row (the built-in text while a template
    has never been published)."""

    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices, unique=True)
    subject_it = models.CharField(_("oggetto (italiano)"), max_length=200)
    body_it = models.TextField(_("testo (italiano)"))
    subject_en = models.CharField(_("oggetto (inglese)"), max_length=200)
    body_en = models.TextField(_("testo (inglese)"))

    panels = [
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("subject_it"), FieldPanel("body_it")], heading=_("Italiano")
        ),
        MultiFieldPanel(
            [FieldPanel("subject_en"), FieldPanel("body_en")], heading=_("Inglese")
        ),
    ]

    class Meta:
        verbose_name = _("modello di e-mail")
        verbose_name_plural = _("modelli di e-mail")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        errors = {}
        for name in ("subject_it", "body_it", "subject_en", "body_en"):
            found = placeholder_errors(getattr(self, name) or "")
            if found:
                errors[name] = found
        if errors:
            raise ValidationError(errors)


class EmailRecord(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("In coda")
        SENT = "sent", _("Inviata")
        FAILED = "failed", _("Non riuscita")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatario"),
        on_delete=models.CASCADE,
        related_name="email_records",
    )
    to = models.EmailField(_("indirizzo"))
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    reason_key = models.CharField(_("motivo"), max_length=200)
    date = models.DateField(_("giorno"))
    subject = models.CharField(_("oggetto"), max_length=300)
    body = models.TextField(_("testo"))
    language = models.CharField(_("lingua"), max_length=5)
    outcome = models.CharField(
        _("esito"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentativi"), default=0)
    error = models.CharField(_("errore"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    sent_at = models.DateTimeField(_("inviata il"), null=True, blank=True)
    # A file of the default storage sent with the e-mail (a certificate's PDF).
    attachment = models.CharField(_("allegato"), max_length=300, blank=True)
    attachment_name = models.CharField(
        _("nome dell'allegato"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("e-mail inviata")
        verbose_name_plural = _("e-mail inviate")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reason_key", "date"], name="email_once_per_reason_day"
            )
        ]
        indexes = [models.Index(fields=["user", "reason_key"])]

    def __str__(self):
        return f"{self.to} · {self.subject}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("titolo"), max_length=300)
    body = models.TextField(_("testo"), blank=True)
    url = models.CharField(_("collegamento"), max_length=500, blank=True)
    # Why it was sent, as its owner app names it (the e-mail's reason key):
    # the owner marks its notices read once the task they ask for is done.
    reason_key = models.CharField(_("motivo"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    read_at = models.DateTimeField(_("letta il"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifica")
        verbose_name_plural = _("notifiche")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "reason_key"], name="notification_reason_idx"),
        ]

    def __str__(self):
        return self.title
