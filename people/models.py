import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.storage import get_private_storage

# Deadlines and due dates are counted from the hire date: a mistyped year
# (9999) would overflow them and stop every status refresh for that person.
HIRE_DATES = (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
HIRE_DATE_OUT_OF_RANGE = _("La data di assunzione deve essere tra il 1900 e il 2100.")

# An employee ID ends up in file names, exports and URLs: letters, digits and
# `-_.` only, so it can never break a header or a path.
EMPLOYEE_ID_PATTERN = r"^[A-Za-z0-9._-]+\Z"
ERROR_EMPLOYEE_ID = _(
    "La matricola può contenere solo lettere, cifre e i caratteri - _ . (senza spazi)."
)
validate_employee_id = RegexValidator(EMPLOYEE_ID_PATTERN, message=ERROR_EMPLOYEE_ID)

# A manager sees their team's transcripts: a chain of managers that comes back
# to the person would make two people each other's team leader.
ERROR_SELF_MANAGER = _("Una persona non può essere responsabile di sé stessa.")
ERROR_MANAGER_CYCLE = _(
    "La catena dei responsabili torna a questa persona: %(chain)s. Scegli un "
    "responsabile che non dipenda da lei."
)


class Department(models.Model):
    name = models.CharField(_("nome"), max_length=120, unique=True)
    code = models.SlugField(_("codice"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reparto")
        verbose_name_plural = _("reparti")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person in the contact centre: agent, trainer, HR or manager.

    Names stay split in first and last name because Wagtail's user admin and most
    HR exports use them; `full_name` is the single display form used everywhere else.
    """

    class Language(models.TextChoices):
        ITALIAN = "it", _("Italiano")
        ENGLISH = "en", _("English")

    username = None
    email = models.EmailField(_("indirizzo e-mail"), unique=True)
    employee_id = models.CharField(
        _("matricola"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_employee_id],
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("reparto"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    job_title = models.CharField(_("mansione"), max_length=120, blank=True)
    hire_date = models.DateField(
        _("data di assunzione"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(HIRE_DATES[0], message=HIRE_DATE_OUT_OF_RANGE),
            MaxValueValidator(HIRE_DATES[1], message=HIRE_DATE_OUT_OF_RANGE),
        ],
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile"),
        on_delete=models.SET_NULL,
        related_name="reports",
        null=True,
        blank=True,
    )
    preferred_language = models.CharField(
        _("lingua preferita"),
        max_length=5,
        choices=Language.choices,
        default=Language.ITALIAN,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        indexes = [
            # HR lists page through thousands of people in name order.
            models.Index(
                fields=["last_name", "first_name", "email", "id"],
                name="people_user_name_order",
            ),
        ]
        permissions = [
            ("view_training_status", _("Può vedere lo stato formativo di tutti")),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        # Someone new has nobody under them yet: no chain can come back.
        if self.manager_id is None or self.pk is None:
            return
        if self.manager_id == self.pk:
            raise ValidationError({"manager": ERROR_SELF_MANAGER})
        chain = self.manager_chain()
        if chain and chain[-1].pk == self.pk:
            names = " → ".join(
                f"{person.full_name} ({person.employee_id})"
                if person.employee_id
                else person.full_name
                for person in [self, *chain]
            )
            raise ValidationError({"manager": ERROR_MANAGER_CYCLE % {"chain": names}})

    def manager_chain(self) -> list["User"]:
        """The managers above this person, nearest first, up to the top or up
        to the first one met twice (a loop, which `clean` refuses)."""
        chain, seen, person = [], {self.pk}, self
        while person.manager_id is not None:
            person = person.manager
            chain.append(person)
            if person.pk in seen:
                break
            seen.add(person.pk)
        return chain

    def save(self, *args, **kwargs):
        # E-mail is the login: store it in one case so look-ups are exact.
        self.email = (self.email or "").strip().lower()
        if self.employee_id == "":
            self.employee_id = None
        super().save(*args, **kwargs)


class PeopleImport(models.Model):
    """One uploaded employee file and, once HR confirms it, its run: kept so the
    preview and the apply read the same bytes, so the background task finds what
    it needs (the file, who asked, the choice about missing people), so HR can
    follow its progress, and so the audit trail can say which file changed whom.

    The task applies the file in batches, each committed with its counters and
    `last_line`: a retried task goes on after the last committed batch instead
    of applying any row twice."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Anteprima")
        QUEUED = "queued", _("In coda")
        RUNNING = "running", _("In corso")
        APPLIED = "applied", _("Completata")
        FAILED = "failed", _("Non riuscita")

    # Private storage: an employee file is never under a URL (lms.storage).
    file = models.FileField(
        _("file"), upload_to="imports/%Y/%m/", storage=get_private_storage
    )
    file_name = models.CharField(_("nome del file"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caricato da"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("caricato il"), auto_now_add=True)
    status = models.CharField(
        _("stato"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    deactivate_missing = models.BooleanField(
        _("disattiva chi non è nel file"), default=False
    )
    # created, updated, unchanged, refused; deactivated and departments at the end.
    counts = models.JSONField(_("conteggi"), default=dict, blank=True)
    rows_total = models.PositiveIntegerField(_("righe da elaborare"), default=0)
    rows_done = models.PositiveIntegerField(_("righe elaborate"), default=0)
    last_line = models.PositiveIntegerField(
        _("ultima riga applicata"),
        default=0,
        help_text=_("La riga del file fino alla quale le modifiche sono salvate."),
    )
    # [[line, reason], ...]: the rows the rules refused, as the preview lists them.
    refused_rows = models.JSONField(_("righe rifiutate"), default=list, blank=True)
    error = models.TextField(_("errore"), blank=True)
    task_id = models.CharField(_("attività"), max_length=64, blank=True)
    # Each time the run is queued (the confirmation, then every "Riprendi"):
    # a job of an earlier attempt that a queue hands out late stops at once.
    attempt = models.PositiveSmallIntegerField(_("tentativo"), default=0)
    # The last sign of life: queued, taken by a worker, each batch committed.
    # A run in progress whose heartbeat is older than LMS_IMPORT_STALE_AFTER
    # has lost its worker (`stalled`).
    heartbeat_at = models.DateTimeField(_("ultimo avanzamento"), null=True, blank=True)
    # The last enqueue found the queue down: nothing will take the run until
    # it is queued again.
    queue_unreachable = models.BooleanField(
        _("servizio in background non raggiungibile"), default=False
    )
    confirmed_at = models.DateTimeField(_("confermata il"), null=True, blank=True)
    started_at = models.DateTimeField(_("iniziata il"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminata il"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("importazione di persone")
        verbose_name_plural = _("importazioni di persone")

    def __str__(self):
        return self.file_name

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stalled(self) -> bool:
        """In progress, but nothing will move it on by itself: the queue could
        not take it, or its worker died (no batch committed for longer than
        `LMS_IMPORT_STALE_AFTER` seconds, well over a batch's time). The
        database queue never runs a dead worker's task again, and a whole RQ
        worker lost with its job is retried only much later, if at all."""
        if not self.in_progress:
            return False
        if self.queue_unreachable:
            return True
        since = self.heartbeat_at or self.confirmed_at
        limit = datetime.timedelta(
            seconds=getattr(settings, "LMS_IMPORT_STALE_AFTER", 900)
        )
        return since is None or timezone.now() - since > limit

    @property
    def status_label(self) -> str:
        """The status as HR reads it: a running import whose worker died has
        "Interrotta", not "In corso", which nothing will move on."""
        if self.status == self.Status.RUNNING and self.stalled:
            return _("Interrotta")
        return self.get_status_display()


class ImportColumnMapping(models.Model):
    """How HR matched the columns of one HR-system export to the product's
    fields, so the next file with the same header row imports without asking.

    The product serves one organisation, so a mapping is global: keyed by the
    header row (normalised, see `people.importing.headers_key`), not by who
    uploaded it."""

    headers_key = models.CharField(
        _("chiave delle intestazioni"), max_length=64, unique=True
    )
    headers = models.JSONField(_("intestazioni"), default=list)
    fields = models.JSONField(
        _("campi"),
        default=list,
        help_text=_("Il campo del prodotto per ogni colonna; vuoto se ignorata."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modificato da"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("modificato il"), auto_now=True)

    class Meta:
        verbose_name = _("abbinamento delle colonne")
        verbose_name_plural = _("abbinamenti delle colonne")

    def __str__(self):
        return ", ".join(self.headers)
