from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Question, Quiz


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Banca domande")
    list_display = ["text", "kind"]
    list_filter = ["kind"]
    search_fields = ["text"]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quiz")
    list_display = ["title", "pass_mark"]
    search_fields = ["title"]


class QuizzesGroup(ViewSetGroup):
    menu_label = _("Quiz")
    menu_icon = "tasks"
    menu_order = 200
    items = (QuizViewSet, QuestionViewSet)


@hooks.register("register_admin_viewset")
def register_quiz_viewsets():
    return QuizzesGroup()


@hooks.register("register_log_actions")
def register_quiz_actions(actions):
    actions.register_action("lms.attempt.pass", _("Quiz superato"), _("Quiz superato"))
    actions.register_action(
        "lms.attempt.fail", _("Quiz non superato"), _("Quiz non superato")
    )
