"""Satisfaction surveys: what trainers ask (`Survey`), which course asks it
(`CourseSurvey`), who was invited (`SurveyInvitation`) and what was answered
(`SurveyResponse`).

An anonymous survey's response carries no person and only the day it was
given: the invitation alone remembers that the person answered, so the home
stops asking, and nothing joins the two."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from courses.models import CoursePage
from lms.admin_forms import AdminModelForm

RATING_MIN, RATING_MAX = 1, 5


class QuestionsBlock(blocks.StreamBlock):
    rating = blocks.CharBlock(
        label=_("Valutazione da 1 a 5"),
        max_length=200,
        icon="pick",
        help_text=_("Per esempio: «Quanto ti è stato utile il corso?»"),
    )
    text = blocks.CharBlock(
        label=_("Risposta libera"),
        max_length=200,
        icon="comment",
        help_text=_("Per esempio: «Che cosa miglioreresti?»"),
    )

    class Meta:
        min_num = 1


class Survey(models.Model):
    title = models.CharField(_("titolo"), max_length=200)
    intro = models.TextField(_("presentazione"), blank=True)
    anonymous = models.BooleanField(
        _("anonimo"),
        default=True,
        help_text=_(
            "Le risposte non sono collegate a chi le dà: i risultati mostrano "
            "solo i numeri e i commenti, senza nomi."
        ),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("domande"))
    updated_at = models.DateTimeField(_("modificato il"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("anonymous"),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("questionario")
        verbose_name_plural = _("questionari")
        ordering = ["title"]

    def __str__(self):
        return self.title


class CourseSurvey(models.Model):
    """Which survey a course asks at its end: set by trainers in the admin."""

    base_form_class = AdminModelForm

    course = models.OneToOneField(
        CoursePage,
        verbose_name=_("corso"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("questionario"),
        on_delete=models.PROTECT,
        related_name="course_links",
    )

    panels = [FieldPanel("course"), FieldPanel("survey")]

    class Meta:
        verbose_name = _("questionario del corso")
        verbose_name_plural = _("questionari dei corsi")

    def __str__(self):
        return f"{self.course.title} – {self.survey.title}"


class SurveyInvitation(models.Model):
    """One person asked one survey about one thing (a course, a session). It
    stays on their home until answered or dismissed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("questionario"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("corso"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    context_label = models.CharField(_("riferimento"), max_length=255)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formatore"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_on = models.DateField(_("invitato il"))
    answered = models.BooleanField(_("ha risposto"), default=False)
    dismissed = models.BooleanField(_("ignorato"), default=False)

    class Meta:
        verbose_name = _("invito al questionario")
        verbose_name_plural = _("inviti ai questionari")
        constraints = [
            # One invitation per person and course; for what belongs to no
            # course (a session), one per person and label.
            models.UniqueConstraint(
                fields=["user", "survey", "course"],
                condition=models.Q(course__isnull=False),
                name="survey_invitation_once_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "survey", "context_label"],
                condition=models.Q(course__isnull=True),
                name="survey_invitation_once_per_label",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "answered", "dismissed"],
                name="survey_invitation_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.context_label}"

    @property
    def is_open(self) -> bool:
        return not (self.answered or self.dismissed)


class SurveyResponse(models.Model):
    """One set of answers: `{block id: 1–5 or text}` keyed by the questions'
    stable ids, with each question's words kept as they were asked."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("questionario"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("corso"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    context_label = models.CharField(_("riferimento"), max_length=255)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formatore"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Empty for an anonymous survey; the day only, so that the time of an
    # answer cannot be matched to an invitation or a log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_on = models.DateField(_("data"))
    answers = models.JSONField(_("risposte"), default=dict)
    questions = models.JSONField(_("domande"), default=dict)

    class Meta:
        verbose_name = _("risposta al questionario")
        verbose_name_plural = _("risposte ai questionari")
        indexes = [models.Index(fields=["survey", "course"], name="survey_resp_idx")]

    def __str__(self):
        return f"{self.survey} – {self.context_label}"
