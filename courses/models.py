from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BaseStreamBlock


class CourseCatalogPage(Page):
    intro = RichTextField(_("introduzione"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("catalogo dei corsi")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_courses

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = catalogue_courses(catalogue=self, user=request.user)
        return context


class CoursePage(Page):
    class Kind(models.TextChoices):
        ONBOARDING = "onboarding", _("Inserimento")
        REFRESHER = "refresher", _("Aggiornamento periodico")

    summary = models.TextField(_("sommario"), max_length=600)
    kind = models.CharField(
        _("tipo"), max_length=20, choices=Kind.choices, default=Kind.ONBOARDING
    )
    estimated_minutes = models.PositiveIntegerField(
        _("durata stimata (minuti)"), default=60
    )
    audience_departments = ParentalManyToManyField(
        "people.Department",
        verbose_name=_("reparti destinatari"),
        blank=True,
        related_name="courses",
    )
    audience_roles = ParentalManyToManyField(
        "auth.Group",
        verbose_name=_("ruoli destinatari"),
        blank=True,
        related_name="courses",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz finale"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("Superarlo, dopo aver completato i moduli, dà il certificato."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("modello del certificato"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("Vuoto: il modello predefinito."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("estimated_minutes")],
            heading=_("Corso"),
        ),
        MultiFieldPanel(
            [FieldPanel("audience_departments"), FieldPanel("audience_roles")],
            heading=_("Destinatari"),
        ),
        FieldPanel("quiz"),
        FieldPanel("certificate_template"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseCatalogPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("corso")
        verbose_name_plural = _("corsi")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = course_overview(course=self, user=request.user)
        return context


class ModulePage(Page):
    intro = models.CharField(_("presentazione"), max_length=300, blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("durata stimata (minuti)"), default=15
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenuto"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("modulo")
        verbose_name_plural = _("moduli")

    def serve(self, request, *args, **kwargs):
        from .views import serve_module

        # Modules are training material: only enrolled learners read them; a
        # trainer previewing in the admin goes through Wagtail's own preview.
        return serve_module(self, request)

    def get_context(self, request, *args, module_context=None, **kwargs):
        from .selectors import module_context as build

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context or build(module=self, user=request.user))
        return context


class Enrollment(models.Model):
    """A learner's place in one course, and the history of how they got it."""

    class Source(models.TextChoices):
        SELF = "self", _("Iscrizione autonoma")
        MANUAL = "manual", _("Assegnazione manuale")
        RULE = "rule", _("Regola di assegnazione")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("corso"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    source = models.CharField(
        _("origine"), max_length=20, choices=Source.choices, default=Source.SELF
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("iscritto da"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("iscritto il"), auto_now_add=True)
    due_date = models.DateField(
        _("scadenza"),
        null=True,
        blank=True,
        help_text=_("Entro quando il corso va completato. Vuoto: nessuna scadenza."),
    )
    # Removing an assignment hides it from the learner's to-do list but keeps
    # the row, its completions and attempts: the history is a compliance record.
    removed_at = models.DateTimeField(_("rimossa il"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rimossa da"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="enrollment_one_per_user_course"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"


class ModuleCompletion(models.Model):
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("iscrizione"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("modulo"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("completato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("modulo completato")
        verbose_name_plural = _("moduli completati")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module"], name="completion_one_per_module"
            )
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.module}"
