from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import (
    PreviewableMixin,
)

from content.governance import GovernedMixin
from content.translation import TranslatableSnippetMixin

from . import codes
from .placeholders import validate_placeholders

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Scrivi il colore come #RRGGBB, ad esempio #0d5c63.")
)


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who issues the documents: the name, logo and legal lines printed on
    certificates and transcripts and named in Open Badges. Kept as a site
    setting so a lead trainer changes it in the admin, not a deployment;
    `certificates.organisation` falls back to `LMS_ORGANISATION_NAME`."""

    name = models.CharField(
        _("nome dell'organizzazione"),
        max_length=200,
        blank=True,
        help_text=_("Vuoto: il nome configurato nell'installazione."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("indirizzo"), max_length=300, blank=True)
    registration = models.CharField(
        _("partita IVA o dati di registrazione"),
        max_length=300,
        blank=True,
        help_text=_("Facoltativo, ad esempio: P. IVA 01234567890 · REA MI-123456."),
    )

    select_related = ["logo"]
    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("address"),
        FieldPanel("registration"),
    ]

    class Meta:
        verbose_name = _("organizzazione")
        verbose_name_plural = _("organizzazione")


class CertificateTemplate(
    TranslatableSnippetMixin,
    GovernedMixin,
    PreviewableMixin,
    models.Model,
):
    """How a certificate looks. Trainers edit it in the admin (a snippet with
    revisions and a live PDF preview); each course picks one, else the default.
    Text fields take placeholders only, never template code.

    A trainer's change is a draft until a lead trainer approves it in the
    review workflow: certificates are rendered from the row, the live version.
    """

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Orizzontale")
        PORTRAIT = "portrait", _("Verticale")

    # Unique per language: a translation may keep its original's name.
    name = models.CharField(_("nome"), max_length=120)
    is_default = models.BooleanField(
        _("modello predefinito"),
        default=False,
        help_text=_("Usato dai corsi che non ne scelgono uno."),
    )
    orientation = models.CharField(
        _("orientamento"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine di sfondo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("colore principale"),
        max_length=7,
        default="#0d5c63",
        validators=[colour_validator],
    )
    title = models.CharField(
        _("titolo"),
        max_length=200,
        default="Certificato di completamento",
        validators=[validate_placeholders],
    )
    body = models.TextField(
        _("testo"),
        default=(
            "Si certifica che {holder_name} ha completato con successo il corso "
            "{course} il {issue_date}, con un punteggio del {score}%."
        ),
        validators=[validate_placeholders],
        help_text=_(
            "Segnaposto ammessi: {holder_name}, {course}, {issue_date}, "
            "{expiry_date}, {score}, {hours}, {serial}, {verification_code}."
        ),
    )
    signatory_1_name = models.CharField(
        _("firmatario 1: nome"), max_length=120, blank=True
    )
    signatory_1_title = models.CharField(
        _("firmatario 1: ruolo"), max_length=120, blank=True
    )
    signatory_1_signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("firmatario 1: immagine della firma"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_2_name = models.CharField(
        _("firmatario 2: nome"), max_length=120, blank=True
    )
    signatory_2_title = models.CharField(
        _("firmatario 2: ruolo"), max_length=120, blank=True
    )
    signatory_2_signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("firmatario 2: immagine della firma"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer = models.CharField(
        _("piè di pagina"),
        max_length=300,
        blank=True,
        validators=[validate_placeholders],
    )
    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [
                FieldPanel("orientation"),
                FieldPanel("accent_colour"),
                FieldPanel("logo"),
                FieldPanel("background"),
            ],
            heading=_("Aspetto"),
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("body"), FieldPanel("footer")],
            heading=_("Testi"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_1_name"),
                FieldPanel("signatory_1_title"),
                FieldPanel("signatory_1_signature"),
                FieldPanel("signatory_2_name"),
                FieldPanel("signatory_2_title"),
                FieldPanel("signatory_2_signature"),
            ],
            heading=_("Firmatari"),
        ),
    ]

    class Meta(TranslatableSnippetMixin.Meta):
        ordering = ["name"]
        verbose_name = _("modello di certificato")
        verbose_name_plural = _("modelli di certificato")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default", "locale"],
                condition=models.Q(is_default=True),
                name="certificate_template_one_default",
                violation_error_message=_("C'è già un modello predefinito."),
            ),
            models.UniqueConstraint(
                fields=["name", "locale"],
                name="certificate_template_name_per_locale",
                violation_error_message=_("C'è già un modello con questo nome."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def signatories(self) -> list[dict]:
        return [
            {"name": name, "title": title, "signature": signature}
            for name, title, signature in (
                (
                    self.signatory_1_name,
                    self.signatory_1_title,
                    self.signatory_1_signature,
                ),
                (
                    self.signatory_2_name,
                    self.signatory_2_title,
                    self.signatory_2_signature,
                ),
            )
            if name
        ]

    def serve_preview(self, request, mode_name):
        """A real PDF of a sample certificate, as a learner would receive it."""
        from django.http import HttpResponse

        from .pdf import render_sample_pdf

        response = HttpResponse(
            render_sample_pdf(template=self, user=request.user),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = content_disposition_header(
            False, "anteprima.pdf"
        )
        return response


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
    # The published version of the quiz the certificate was earned on, from the
    # attempt (null for certificates issued before versions were kept).
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("versione del quiz superato"),
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
        db_index=True,  # Verification by uploaded file looks it up.
        help_text=_("Del PDF firmato e rilasciato; non cambia mai dopo il rilascio."),
    )
    pdf_copy_sha256 = models.CharField(
        _("impronta SHA-256 della copia rigenerata"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_(
            "Se il file originale è andato perso: la copia firmata ricreata dai dati."
        ),
    )
    pdf_regenerated_at = models.DateTimeField(
        _("copia rigenerata il"), null=True, blank=True
    )
    # The Open Badges 3.0 credential (certificates/badges/): signed once, on
    # first download, and kept, like the PDF, so it says what it said then.
    badge_id = models.UUIDField(
        _("identificativo dell'Open Badge"), null=True, blank=True, unique=True
    )
    badge_jwt = models.TextField(_("Open Badge firmato (VC-JWT)"), blank=True)
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

    def attested_version(self) -> str:
        """The version the certificate attests, in words for whoever verifies
        it: the course's (or, after a policy review, the module's) title and
        the day that text was published, never an internal revision number.
        Certificates whose revision is gone keep the label recorded at issue."""
        revision = self.course_revision
        if revision is None:
            return self.course_version
        from wagtail.models import PageLogEntry

        published = (
            PageLogEntry.objects.filter(revision=revision, action="wagtail.publish")
            .order_by("timestamp")
            .values_list("timestamp", flat=True)
            .first()
        ) or revision.created_at
        day = date_format(timezone.localtime(published).date(), "j F Y")
        # The course's own revision is named as the certificate names the
        # course (in the holder's language); a module's (after a policy
        # review) by the title it had then. Which page it is, not whether the
        # titles differ: an English holder's course title is not the original's.
        if str(revision.object_id) == str(self.course_id):
            return ATTESTED_COURSE.format(title=self.course_title, date=day)
        title = revision.object_str or self.course_title
        return ATTESTED_MODULE.format(title=title, date=day)

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


ATTESTED_COURSE = _("«{title}», testo pubblicato il {date}")
ATTESTED_MODULE = _("modulo «{title}», testo pubblicato il {date}")
