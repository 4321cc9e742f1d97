from django.conf import settings
from django.db import models
from django.urls import reverse
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
    attempt = models.OneToOneField(
        "quizzes.Attempt",
        verbose_name=_("tentativo superato"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    holder_name = models.CharField(_("nome del titolare"), max_length=300)
    course_title = models.CharField(_("titolo del corso"), max_length=300)
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
        _("impronta SHA-256 del PDF"), max_length=64, blank=True
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificato")
        verbose_name_plural = _("certificati")
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
    def display_code(self) -> str:
        return codes.display(self.verification_code)

    def get_verify_url(self) -> str:
        return reverse("certificates:verify", args=[self.verification_code])

    def get_absolute_verify_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.get_verify_url()
