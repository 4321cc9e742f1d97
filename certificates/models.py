from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import codes


class Certificate(models.Model):
    """Proof that a person completed a course.

    Holder name and course title are snapshots taken at issue: the certificate must
    keep saying what it said when issued, whatever happens to the person or page.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("Valido")
        EXPIRED = "expired", _("Scaduto")
        REVOKED = "revoked", _("Revocato")
        SUPERSEDED = "superseded", _("Sostituito")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("titolare"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("corso"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    enrollment = models.ForeignKey(
        "courses.Enrollment",
        verbose_name=_("iscrizione"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # A foreign key, not one-to-one: a reissue after a name correction attests the
    # same passed attempt. One *valid* certificate per enrolment is the constraint.
    attempt = models.ForeignKey(
        "quizzes.Attempt",
        verbose_name=_("tentativo superato"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    serial = models.CharField(
        _("numero di serie"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("SC-<anno>-<progressivo>, assegnato al rilascio."),
    )
    holder_name = models.CharField(_("nome del titolare"), max_length=300)
    course_title = models.CharField(_("titolo del corso"), max_length=300)
    course_version = models.CharField(
        _("versione del corso attestata"),
        max_length=100,
        blank=True,
        help_text=_("Copia della revisione pubblicata al rilascio."),
    )
    duration_minutes = models.PositiveIntegerField(_("durata (minuti)"), default=0)
    score = models.DecimalField(_("punteggio (%)"), max_digits=5, decimal_places=2)
    issued_at = models.DateTimeField(_("rilasciato il"))
    expires_at = models.DateField(_("scade il"), null=True, blank=True)
    course_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revisione del corso attestata"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("sostituisce"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    verification_code = models.CharField(
        _("codice di verifica"), max_length=32, unique=True, default=codes.new_code
    )
    status = models.CharField(
        _("stato"), max_length=20, choices=Status.choices, default=Status.VALID
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)
    pdf_sha256 = models.CharField(
        _("impronta SHA-256 del PDF"),
        max_length=64,
        blank=True,
        help_text=_("Del PDF firmato e rilasciato; non cambia mai dopo il rilascio."),
    )
    pdf_copy_sha256 = models.CharField(
        _("impronta SHA-256 della copia rigenerata"),
        max_length=64,
        blank=True,
        help_text=_(
            "Se il file originale è andato perso: la copia firmata ricreata dai dati."
        ),
    )
    pdf_regenerated_at = models.DateTimeField(
        _("copia rigenerata il"), null=True, blank=True
    )
    emailed_at = models.DateTimeField(_("inviato per e-mail il"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocato il"), null=True, blank=True)
    revocation_reason_public = models.CharField(
        _("motivo della revoca (pubblico)"),
        max_length=300,
        blank=True,
        help_text=_("Mostrato sulla pagina di verifica."),
    )
    revocation_reason_internal = models.TextField(
        _("motivo della revoca (interno)"), blank=True
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificato")
        verbose_name_plural = _("certificati")
        permissions = [
            ("revoke_certificate", _("Può revocare, ripristinare e riemettere")),
        ]
        constraints = [
            # Renewals and reissues supersede the old one first, so a completion
            # can never hold two valid certificates, whatever races happen.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(status="valid"),
                name="certificate_one_valid_per_enrollment",
            )
        ]

    def __str__(self):
        return f"{self.course_title} – {self.holder_name}"

    @property
    def current_status(self) -> str:
        """The status a reader should see: a valid certificate past its expiry date
        is expired even before the daily job records it."""
        if (
            self.status == self.Status.VALID
            and self.expires_at is not None
            and self.expires_at < timezone.localdate()
        ):
            return self.Status.EXPIRED
        return self.status

    def get_current_status_display(self) -> str:
        return self.Status(self.current_status).label

    @property
    def display_code(self) -> str:
        return codes.display(self.verification_code)

    def get_verify_url(self) -> str:
        return reverse("certificates:verify", args=[self.verification_code])

    def get_absolute_verify_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.get_verify_url()


class SerialCounter(models.Model):
    """The last serial number given out in a year. Its row is the lock that makes
    serials gap-free and unique when certificates are issued concurrently."""

    year = models.PositiveIntegerField(_("anno"), primary_key=True)
    last = models.PositiveIntegerField(_("ultimo numero"), default=0)

    class Meta:
        verbose_name = _("contatore dei numeri di serie")
        verbose_name_plural = _("contatori dei numeri di serie")

    def __str__(self):
        return f"{self.year}: {self.last}"
