"""Classroom and virtual sessions of a course: the session, the seats booked
(and the waiting list), the attendance register, which courses require a
session, and each learner's private calendar feed."""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.admin_forms import AdminModelForm
from people import roles

PLACE_OR_LINK = _("Indica il luogo o il link della videochiamata (almeno uno).")
LINK_NOT_HTTPS = _("Il link della videochiamata deve iniziare con https://.")
ENDS_BEFORE_START = _("La fine deve essere successiva all'inizio.")
TRAINER_NOT_A_TRAINER = _(
    "Il formatore di una sessione deve avere il ruolo di formatore o di "
    "formatore responsabile."
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Session(models.Model):
    """One meeting of a course, in a room or on a video call, led by a trainer,
    with a number of seats."""

    base_form_class = AdminModelForm

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("corso"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    title = models.CharField(_("titolo"), max_length=200)
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    place = models.CharField(_("luogo"), max_length=300, blank=True)
    video_link = models.URLField(
        _("link della videochiamata"), max_length=500, blank=True
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formatore"),
        on_delete=models.PROTECT,
        related_name="sessions_led",
        # The register they keep counts toward certificates: only a trainer.
        limit_choices_to=roles.TRAINS,
        error_messages={"invalid": TRAINER_NOT_A_TRAINER},
    )
    capacity = models.PositiveIntegerField(_("posti"), default=20)
    cancel_cutoff_hours = models.PositiveIntegerField(
        _("disdetta entro (ore prima dell'inizio)"),
        default=24,
        help_text=_("Fino a quante ore prima dell'inizio si può disdire un posto."),
    )
    notes = models.TextField(_("note"), blank=True)
    cancelled = models.BooleanField(_("annullata"), default=False)
    # Times moved (date, time or place): each move's calendar update must
    # outrank every invitation sent before it (`services._notify`).
    moves = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessione")
        verbose_name_plural = _("sessioni")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if not self.place.strip() and not self.video_link.strip():
            errors["place"] = PLACE_OR_LINK
        if self.video_link and urlsplit(self.video_link).scheme != "https":
            errors["video_link"] = LINK_NOT_HTTPS
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ENDS_BEFORE_START
        if errors:
            raise ValidationError(errors)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def cancel_deadline(self):
        return self.starts_at - timedelta(hours=self.cancel_cutoff_hours)

    @property
    def register_open(self) -> bool:
        """Whether the trainer may record attendance yet: from the start on,
        never for a session still to come."""
        return timezone.now() >= self.starts_at


class Booking(models.Model):
    """A learner's seat in a session, or their place on its waiting list (in
    order of request); a cancelled booking stays as history."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Prenotato")
        WAITING = "waiting", _("In lista d'attesa")
        CANCELLED = "cancelled", _("Annullato")

    session = models.ForeignKey(
        Session,
        verbose_name=_("sessione"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="session_bookings",
    )
    status = models.CharField(_("stato"), max_length=20, choices=Status.choices)
    requested_at = models.DateTimeField(_("richiesto il"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("annullato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("prenotazione")
        verbose_name_plural = _("prenotazioni")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="classroom_one_open_booking",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.session}"


class Attendance(models.Model):
    """What the register says of one person at one session: present, late or
    absent, and the hours they attended."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Presente")
        LATE = "late", pgettext_lazy("presenza", "In ritardo")
        ABSENT = "absent", _("Assente")

    session = models.ForeignKey(
        Session,
        verbose_name=_("sessione"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="session_attendance",
    )
    status = models.CharField(_("presenza"), max_length=20, choices=Status.choices)
    minutes = models.PositiveIntegerField(_("minuti di presenza"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrato da"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("registrato il"), auto_now=True)

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="classroom_one_attendance"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.session}: {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.LATE)


class SessionRequirement(models.Model):
    """A course whose certificate waits for a classroom session attended (present
    or late). Kept here, not on the course, so courses knows nothing of
    sessions."""

    base_form_class = AdminModelForm

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("corso"),
        on_delete=models.CASCADE,
        related_name="session_requirement",
    )
    required = models.BooleanField(_("sessione in aula obbligatoria"), default=True)

    class Meta:
        verbose_name = _("sessione richiesta dal corso")
        verbose_name_plural = _("sessioni richieste dai corsi")

    def __str__(self):
        return str(self.course)


class CalendarFeed(models.Model):
    """A learner's private calendar subscription: whoever has the address reads
    their booked sessions, so the token is secret and can be replaced."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.user)
