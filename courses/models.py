from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content import scenarios
from content.blocks import BaseStreamBlock
from content.translation import TranslatedTreeMixin, source_of
from lms.admin_forms import AdminPageForm
from scorm.blocks import ScormBlock

from .admin_forms import CoursePageForm


class CourseCatalogPage(TranslatedTreeMixin, Page):
    intro = RichTextField(_("introduzione"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("catalogo dei corsi")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_courses, present_courses, with_covers

        context = super().get_context(request, *args, **kwargs)
        # The original catalogue's courses (progress is theirs), each shown in
        # this catalogue's language where it has been translated.
        rows = catalogue_courses(catalogue=source_of(self), user=request.user)
        context["courses"] = with_covers(present_courses(rows, self.locale_id))
        return context


class CoursePage(TranslatedTreeMixin, Page):
    class Kind(models.TextChoices):
        ONBOARDING = "onboarding", _("Inserimento")
        REFRESHER = "refresher", _("Aggiornamento periodico")

    summary = models.TextField(_("sommario"), max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine di copertina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Mostrata sulla scheda del corso nel catalogo e nella formazione "
            "dell'agente. Decorativa: il titolo è accanto."
        ),
    )
    kind = models.CharField(
        _("tipo"), max_length=20, choices=Kind.choices, default=Kind.ONBOARDING
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
    modules_in_order = models.BooleanField(
        _("moduli in sequenza"),
        default=False,
        help_text=_("Ogni modulo si apre solo dopo aver completato il precedente."),
    )
    required_courses = ParentalManyToManyField(
        "self",
        verbose_name=_("corsi propedeutici"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text=_(
            "Serve un certificato valido di ciascuno di questi corsi prima di "
            "poter seguire questo."
        ),
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
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("kind")],
            heading=_("Corso"),
        ),
        FieldPanel("quiz"),
        FieldPanel("certificate_template"),
        MultiFieldPanel(
            [FieldPanel("modules_in_order"), FieldPanel("required_courses")],
            heading=_("Sequenza e requisiti"),
        ),
        InlinePanel(
            "assignment_rules",
            heading=_("Regole di assegnazione"),
            label=_("Regola"),
            help_text=_(
                "Chi riceve il corso automaticamente, e con quale scadenza. Le "
                "regole si applicano alle nuove persone e ogni giorno a tutte."
            ),
        ),
    ]
    base_form_class = CoursePageForm
    # The explorer lists a course's modules in the order learners meet them
    # (and a trainer can drag them), not by their last edit.
    admin_default_ordering = "ord"
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseCatalogPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("corso")
        verbose_name_plural = _("corsi")

    def clean(self):
        super().clean()
        cycle = self.prerequisite_cycle()
        if cycle:
            if len(cycle) == 2:
                message = PREREQUISITE_SELF
            else:
                message = PREREQUISITE_CYCLE.format(
                    cycle=" → ".join(f"«{title}»" for title in cycle)
                )
            raise ValidationError({"required_courses": message})

    def prerequisite_cycle(self) -> list[str]:
        """The titles along a chain of prerequisites that leads from this
        course back to itself (first and last are this course), or [] when
        there is none. Such a course could never be opened by anyone.

        This course's prerequisites are the ones on the page (what the editor
        is choosing); the other courses' are the saved ones. At most three
        queries, whatever the number of courses."""
        me = self.pk
        if me is None:
            # A new course: nothing can require it yet, and it cannot require
            # itself, not having an id.
            return []
        chosen = list(self.required_courses.all())
        if not chosen:
            return []
        through = CoursePage.required_courses.through
        edges: dict[int, list[int]] = {}
        for source, target in through.objects.exclude(
            from_coursepage_id=me
        ).values_list("from_coursepage_id", "to_coursepage_id"):
            edges.setdefault(source, []).append(target)
        edges[me] = [course.pk for course in chosen]
        # Depth-first from this course, remembering how each course was
        # reached, until a course requires this one.
        came_from: dict[int, int] = {}
        stack = [me]
        seen = {me}
        end = None
        while stack and end is None:
            current = stack.pop()
            for target in edges.get(current, []):
                if target == me:
                    end = current
                    break
                if target not in seen:
                    seen.add(target)
                    came_from[target] = current
                    stack.append(target)
        if end is None:
            return []
        path = [end]
        while path[-1] != me:
            path.append(came_from[path[-1]])
        path.reverse()
        titles = dict(CoursePage.objects.filter(pk__in=path).values_list("pk", "title"))
        titles[me] = self.title
        return [titles[pk] for pk in path] + [self.title]

    preview_modes = [("learner", _("Come lo vede l'agente"))]

    search_has_parent = False

    def search_label(self, parent) -> str:
        return str(_("Corso"))

    def search_summary(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_overview, present_overview

        context = super().get_context(request, *args, **kwargs)
        # Records belong to the original course; a translation presents them.
        overview = course_overview(course=source_of(self), user=request.user)
        context["overview"] = present_overview(overview, self.locale_id)
        context["catalogue"] = self.get_parent()
        # The draft's own quiz in a preview.
        context["quiz"] = self.quiz
        return context

    def get_preview_context(self, request, mode_name):
        from .selectors import course_overview_as_new_learner

        # The trainer sees the course as a newly enrolled agent does.
        context = self.get_context(request)
        context["overview"] = course_overview_as_new_learner(
            context["overview"], user=request.user
        )
        return context


class AssignmentRule(Orderable):
    """Who gets a course without asking, and by when.

    The criteria combine: a department and a role mean people of that department
    with that role; a hiring window narrows it to new hires.
    """

    course = ParentalKey(
        CoursePage, on_delete=models.CASCADE, related_name="assignment_rules"
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("reparto"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.ForeignKey(
        "auth.Group",
        verbose_name=_("ruolo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    hired_within_days = models.PositiveSmallIntegerField(
        _("assunti negli ultimi giorni"),
        null=True,
        blank=True,
        help_text=_("Solo chi è stato assunto da non più di questi giorni."),
    )
    due_days = models.PositiveSmallIntegerField(
        _("giorni per completarlo"),
        default=14,
        help_text=_(
            "Scadenza: data di assunzione più questi giorni (o data di "
            "assegnazione, se manca la data di assunzione)."
        ),
    )

    panels = [
        FieldPanel("department"),
        FieldPanel("role"),
        FieldPanel("hired_within_days"),
        FieldPanel("due_days"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("regola di assegnazione")
        verbose_name_plural = _("regole di assegnazione")

    def __str__(self):
        return str(self.describe())

    def clean(self):
        if (
            self.department_id is None
            and self.role_id is None
            and self.hired_within_days is None
        ):
            raise ValidationError(RULE_NEEDS_A_CRITERION)

    def describe(self) -> str:
        parts = []
        if self.department_id:
            parts.append(_("reparto %(name)s") % {"name": self.department})
        if self.role_id:
            parts.append(_("ruolo %(name)s") % {"name": self.role})
        if self.hired_within_days is not None:
            parts.append(
                _("assunti negli ultimi %(days)s giorni")
                % {"days": self.hired_within_days}
            )
        return ", ".join(str(p) for p in parts)


PREREQUISITE_SELF = _("Un corso non può essere propedeutico a se stesso.")
PREREQUISITE_CYCLE = _(
    "I corsi propedeutici formano un ciclo e nessuno potrebbe iniziarli: "
    "{cycle}. Togli uno di questi requisiti."
)


RULE_NEEDS_A_CRITERION = _(
    "Indica almeno un criterio: reparto, ruolo o assunti negli ultimi giorni."
)


class ModuleStreamBlock(BaseStreamBlock):
    """A module's body: the shared blocks and a SCORM package. One package per
    module: the SCORM runtime is a single object of the page."""

    scorm = ScormBlock()

    class Meta:
        block_counts = {"scorm": {"max_num": 1}}


class ModulePage(Page):
    base_form_class = AdminPageForm

    intro = models.CharField(_("presentazione"), max_length=300, blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("durata stimata (minuti)"), default=15
    )
    body = StreamField(ModuleStreamBlock(), verbose_name=_("contenuto"))
    # What ties the final quiz to the modules: a question's topic names the
    # modules that teach it, so a failed attempt can send the learner back to
    # the modules of the questions they got wrong.
    topics = ParentalManyToManyField(
        "quizzes.Topic",
        verbose_name=_("argomenti del quiz"),
        blank=True,
        related_name="modules",
        help_text=_(
            "Gli argomenti della banca delle domande che il modulo insegna: chi "
            "sbaglia una domanda di questi argomenti nel quiz viene rimandato qui."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
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

    preview_modes = [("learner", _("Come lo vede l'agente"))]

    search_has_parent = True

    def interactive_structure(self) -> list[tuple]:
        """What the learner's records and the module's completion hang on: each
        knowledge check, scenario and SCORM package by block id, with the
        options' right answers and the scenario's steps and endings. A
        translation must keep it, so an answer given in one language counts in
        the other."""
        shape = []
        for block in self.body:
            if block.block_type == "knowledge_check":
                answers = tuple(bool(o["correct"]) for o in block.value["options"])
                shape.append((block.block_type, block.id, answers))
            elif block.block_type == "scenario":
                steps = tuple(
                    (
                        step["key"],
                        tuple(
                            (choice["next_step"], choice["ending"])
                            for choice in step["choices"]
                        ),
                    )
                    for step in block.value["steps"]
                )
                shape.append((block.block_type, block.id, steps))
            elif block.block_type == "scorm":
                shape.append((block.block_type, block.id, ()))
        return shape

    def clean(self):
        super().clean()
        source = source_of(self)
        if source is not None and source.pk is not None and source.pk != self.pk:
            if self.interactive_structure() != source.interactive_structure():
                raise ValidationError({"body": TRANSLATION_CHANGES_STRUCTURE})

    def search_label(self, parent) -> str:
        return str(MODULE_OF_COURSE.format(course=parent.title))

    def search_summary(self) -> str:
        return self.intro

    def media_visible_to(self, user) -> bool:
        """The images and documents of a module are for the learners enrolled
        in its course (`content.media`), as the module itself is."""
        if not user.is_authenticated:
            return False
        course_path = self.path[: -self.steplen]
        return Enrollment.objects.filter(
            user=user, course__path=course_path, removed_at__isnull=True
        ).exists()

    # Serving, in small steps a subclass can override (Wagtail's FormMixin
    # shape): the learner's context, the access check, then the page.

    def serve(self, request, *args, **kwargs):
        """Modules are training material: only enrolled learners whose module is
        open read them. Wagtail has already applied the page's view
        restrictions; a trainer's preview comes here too, as a new learner."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        learner = self.get_learner_context(request)
        refusal = self.check_access(request, learner)
        if refusal is not None:
            return refusal
        return TemplateResponse(
            request,
            self.get_template(request),
            self.get_context(request, learner=learner),
        )

    def get_learner_context(self, request) -> dict:
        """The learner's course, progress and module list around this module.
        In a preview ("Come lo vede l'agente") it is what a newly enrolled agent
        sees: the trainer is not enrolled and nobody's answers are read.

        A translated module reads the learner's records of its original (the
        canonical page: enrolment, completions, answers, runs) and presents
        them with the pages in its own language."""
        from . import selectors

        source = source_of(self)
        context = selectors.module_context(module=source, user=request.user)
        if getattr(request, "is_preview", False):
            progress = selectors.as_new_learner(context["progress"], user=request.user)
            context.update(
                progress=progress,
                modules=selectors.module_rows(
                    progress, [row.module for row in context["modules"]]
                ),
                lock=None,
                is_done=False,
                learner_preview=True,
                knowledge_answers={},
            )
        else:
            enrollment = context["progress"].enrollment
            context["knowledge_answers"] = selectors.knowledge_answers(
                enrollment=enrollment, module=source
            )
            context["scenario_runs"] = selectors.scenario_runs(
                enrollment=enrollment, module=source
            )
            context["scorm_start"] = selectors.scorm_start(
                enrollment=enrollment, module=source, user=request.user
            )
        return selectors.present_module_context(context, self.locale_id)

    def check_access(self, request, learner: dict):
        """None when the learner may read the module, else the response that
        refuses: the course page to enrol, or the lock explained (403) with the
        page that opens it, not merely hidden from the menus."""
        if learner.get("learner_preview"):
            return None
        if learner["progress"].enrollment is None:
            from .services import NOT_ENROLLED

            messages.info(request, NOT_ENROLLED)
            return redirect(learner["course"].url)
        if learner["lock"] is not None:
            return TemplateResponse(
                request,
                "courses/locked.html",
                {"page": self, **learner},
                status=403,
            )
        return None

    def get_context(self, request, *args, learner=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(learner or self.get_learner_context(request))
        return context


MODULE_OF_COURSE = _("Modulo del corso «{course}»")
TRANSLATION_CHANGES_STRUCTURE = _(
    "Una traduzione traduce i testi ma tiene le verifiche di comprensione, gli "
    "scenari e i pacchetti SCORM dell'originale: stessi blocchi nello stesso "
    "ordine, stesse risposte corrette, stessi passi ed esiti. Aggiungili o "
    "toglili nell'originale."
)


class Enrollment(models.Model):
    """A learner's place in one course, and the history of how they got it."""

    class Source(models.TextChoices):
        SELF = "self", _("Iscrizione autonoma")
        MANUAL = "manual", _("Assegnazione manuale")
        RULE = "rule", _("Regola di assegnazione")
        # Assigned by a certification (its daily job, or its publication) to
        # renew it, or to earn it again after a lapse: what withdrawing the
        # certification takes back, and nothing else.
        RENEWAL = "renewal", _("Rinnovo della certificazione")

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
    rule = models.ForeignKey(
        AssignmentRule,
        verbose_name=_("regola"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    reason = models.CharField(_("motivo"), max_length=300, blank=True)
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
    # A renewal taken through the same course again restarts the enrolment:
    # progress, the quiz and its attempt limits count only what happened since
    # the cycle started; earlier completions, attempts and certificates stay.
    cycle = models.PositiveSmallIntegerField(_("ciclo"), default=1)
    cycle_started_at = models.DateTimeField(
        _("ciclo iniziato il"),
        null=True,
        blank=True,
        help_text=_("Vuoto: il primo ciclo, iniziato con l'iscrizione."),
    )

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        permissions = [("assign_course", _("Può assegnare corsi alle persone"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="enrollment_one_per_user_course"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"

    @property
    def is_assigned(self) -> bool:
        return self.source != self.Source.SELF or self.due_date is not None

    def in_cycle(self, moment) -> bool:
        """Whether something that happened at `moment` (an attempt started, a
        certificate issued) belongs to the current cycle."""
        return self.cycle_started_at is None or moment >= self.cycle_started_at

    def activity_counts(self, moment, *, until=None) -> bool:
        """Whether something the person did at `moment` (a module opened, an
        attempt, an observation, an attendance) is activity of the cycle that
        stood at `until` (now when None): the one window of "started"
        (`courses.selectors.started_enrollment_ids`). Before the current
        cycle began at `until`, the earlier cycle stood, whose start is not
        kept: everything before `until` counts then."""
        if until is not None and moment >= until:
            return False
        start = self.cycle_started_at
        if start is None or (until is not None and until <= start):
            return True
        return moment >= start


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
    cycle = models.PositiveSmallIntegerField(_("ciclo"), default=1)

    class Meta:
        verbose_name = _("modulo completato")
        verbose_name_plural = _("moduli completati")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module", "cycle"],
                name="completion_one_per_module_and_cycle",
            )
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.module}"


class KnowledgeCheckResponse(models.Model):
    """A learner's latest answer to one inline knowledge check of a module.

    The check is a block of the module's body, named by its stream block id; the
    answer is ungraded, but a module with checks completes only once each has one.
    """

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("iscrizione"),
        on_delete=models.CASCADE,
        related_name="knowledge_check_responses",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("modulo"),
        on_delete=models.CASCADE,
        related_name="knowledge_check_responses",
    )
    block_id = models.CharField(_("verifica"), max_length=64)
    option_index = models.PositiveSmallIntegerField(_("risposta scelta"))
    is_correct = models.BooleanField(_("corretta"))
    answered_at = models.DateTimeField(_("risposta il"), auto_now=True)

    class Meta:
        verbose_name = _("risposta a una verifica di comprensione")
        verbose_name_plural = _("risposte alle verifiche di comprensione")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module", "block_id"],
                name="knowledge_check_one_response",
            )
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.module} – {self.block_id}"


class ScenarioRun(models.Model):
    """One play-through of a scenario block of a module by a learner.

    The path is kept as the learner made it, [[step code, reply index], …], so
    trainers see which replies agents choose (`courses.selectors.
    scenario_summary`). Starting again opens a new run and keeps the old one;
    a module with scenarios completes once each has a finished run in the
    current cycle.
    """

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("iscrizione"),
        on_delete=models.CASCADE,
        related_name="scenario_runs",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("modulo"),
        on_delete=models.CASCADE,
        related_name="scenario_runs",
    )
    block_id = models.CharField(_("scenario"), max_length=64)
    path = models.JSONField(_("percorso"), default=list, blank=True)
    ending = models.CharField(
        _("esito"), max_length=20, blank=True, choices=scenarios.RATINGS
    )
    started_at = models.DateTimeField(_("iniziato il"), auto_now_add=True)
    finished_at = models.DateTimeField(_("concluso il"), null=True, blank=True)

    class Meta:
        verbose_name = _("percorso in uno scenario")
        verbose_name_plural = _("percorsi negli scenari")
        indexes = [
            models.Index(
                fields=["enrollment", "module", "block_id"],
                name="scenariorun_learner_idx",
            ),
            models.Index(fields=["module", "block_id"], name="scenariorun_block_idx"),
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.module} – {self.block_id}"

    @property
    def picks(self) -> list:
        return self.path

    @property
    def is_finished(self) -> bool:
        return bool(self.ending)


class ScormRecord(models.Model):
    """A learner's SCORM runtime data for one package block of a module, in one
    cycle of their enrolment: what the package reported (status, score,
    location, suspend data; `scorm.runtime.TRACKED`), so the next launch
    resumes where they left, and when it first met the block's requirement.

    A restarted course starts a new record: the old cycle's stays as it was."""

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("iscrizione"),
        on_delete=models.CASCADE,
        related_name="scorm_records",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("modulo"),
        on_delete=models.CASCADE,
        related_name="scorm_records",
    )
    block_id = models.CharField(_("blocco"), max_length=64)
    cycle = models.PositiveSmallIntegerField(_("ciclo"), default=1)
    package = models.ForeignKey(
        "scorm.ScormPackage",
        verbose_name=_("pacchetto"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    data = models.JSONField(_("dati del pacchetto"), default=dict, blank=True)
    completion_status = models.CharField(_("completamento"), max_length=32, blank=True)
    success_status = models.CharField(_("esito"), max_length=32, blank=True)
    score = models.CharField(_("punteggio"), max_length=32, blank=True)
    commits = models.PositiveIntegerField(_("salvataggi"), default=0)
    started_at = models.DateTimeField(_("iniziato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)
    satisfied_at = models.DateTimeField(
        _("requisito raggiunto il"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dati SCORM di un agente")
        verbose_name_plural = _("dati SCORM degli agenti")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module", "block_id", "cycle"],
                name="scorm_record_one_per_block_and_cycle",
            )
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.module} – {self.block_id}"
