from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.admin_columns import FlagColumn
from lms.admin_menu import menu_item

from . import admin_views
from .models import CourseSurvey, Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "pick"
    menu_label = _("Questionari")
    list_display = [
        "title",
        # Whether answers carry names, in words: not the field's True/False.
        FlagColumn(
            "anonymous",
            label=capfirst(Survey._meta.get_field("anonymous").verbose_name),
            yes=_("Anonimo"),
            no=_("Con nome"),
        ),
    ]


class CourseSurveyViewSet(SnippetViewSet):
    model = CourseSurvey
    icon = "link"
    menu_label = _("Questionari dei corsi")
    list_display = ["course", "survey"]


class SurveysGroup(ViewSetGroup):
    menu_label = _("Questionari")
    menu_icon = "pick"
    menu_order = 260
    items = (SurveyViewSet, CourseSurveyViewSet)


register_snippet(SurveysGroup)


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path(
            "questionari/risultati/",
            admin_views.ResultsView.as_view(),
            name="surveys_results",
        )
    ]


hooks.register(
    "register_reports_menu_item",
    menu_item(
        _("Questionari di gradimento"),
        "surveys_results",
        shown_to=admin_views.can_read_results,
        icon_name="pick",
        order=960,
    ),
)
