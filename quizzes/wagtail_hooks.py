from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.audit import log_actions

from . import admin_views
from .models import Question, Quiz, Topic


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Banca domande")
    list_display = ["text", "kind", "topic"]
    list_filter = ["kind", "topic"]
    search_fields = ["text"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Argomenti")
    list_display = ["name"]
    search_fields = ["name"]


def rule_column(name: str, accessor=None) -> Column:
    """A rule of the quiz as attempts apply it: a translation's row shows its
    original's value (`QuizViewSet.get_queryset`)."""
    return Column(
        name,
        label=capfirst(Quiz._meta.get_field(name).verbose_name),
        accessor=accessor or f"rule_{name}",
        sort_key=f"rule_{name}",
    )


def attempts_allowed(quiz: Quiz):
    """0 stores "no limit" (the field's help text): the list says so, where a
    bare 0 reads as a quiz nobody may take."""
    return quiz.rule_max_attempts or _("Illimitati")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quiz")
    list_display = [
        "title",
        rule_column("pass_mark"),
        rule_column("max_attempts", accessor=attempts_allowed),
    ]
    search_fields = ["title"]

    def get_queryset(self, request):
        original = Quiz.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=settings.LANGUAGE_CODE,
        )
        return Quiz.objects.annotate(
            **{
                f"rule_{name}": Coalesce(Subquery(original.values(name)[:1]), F(name))
                for name in ("pass_mark", "max_attempts")
            }
        )


class QuizzesGroup(ViewSetGroup):
    menu_label = _("Quiz")
    menu_icon = "tasks"
    menu_order = 200
    items = (QuizViewSet, QuestionViewSet, TopicViewSet)


@hooks.register("register_admin_viewset")
def register_quiz_viewsets():
    return QuizzesGroup()


@hooks.register("register_admin_urls")
def register_analysis_urls():
    return [
        path(
            "quiz/<id:quiz_id>/analisi/",
            admin_views.item_analysis,
            name="quiz_item_analysis",
        ),
        path(
            "quiz/<id:quiz_id>/analisi.csv",
            admin_views.attempts_csv,
            name="quiz_attempts_csv",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def quiz_analysis_button(snippet, user, next_url=None):
    if isinstance(snippet, Quiz) and admin_views.can_analyse(user):
        yield MenuItem(
            _("Analisi delle domande"),
            url=reverse("quiz_item_analysis", args=[snippet.pk]),
            icon_name="table",
            priority=30,
        )


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.attempt.start", _("Quiz iniziato")),
            ("lms.attempt.pass", _("Quiz superato")),
            ("lms.attempt.fail", _("Quiz non superato")),
        ]
    ),
)
