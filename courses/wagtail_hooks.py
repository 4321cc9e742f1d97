from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem

from lms.admin_menu import has_perm, menu_item
from lms.audit import log_actions

from . import admin_views
from .admin_panels import TrainerDashboardPanel, sees_trainer_panel
from .models import Enrollment, ModuleCompletion, ModulePage

PAGE_HAS_HISTORY = _(
    "«{title}» non può essere eliminata: ci sono iscrizioni, tentativi o certificati "
    "legati a questo contenuto. Ritirala dalla pubblicazione invece di eliminarla."
)


@hooks.register("before_delete_page")
def keep_pages_with_learner_history(request, page):
    # Training records must outlive the content they refer to: a course or module
    # with history is unpublished, never deleted.
    subtree = page.get_descendants(inclusive=True)
    if (
        Enrollment.objects.filter(course__in=subtree).exists()
        or ModuleCompletion.objects.filter(module__in=subtree).exists()
    ):
        messages.error(request, PAGE_HAS_HISTORY.format(title=page.title))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


hooks.register(
    "register_log_actions",
    log_actions(
        [
            ("lms.enrollment.create", _("Iscrizione"), _("Iscritto al corso")),
            ("lms.module.complete", _("Modulo completato")),
            ("lms.enrollment.complete", _("Corso completato")),
            ("lms.enrollment.assign", _("Assegnazione"), _("Corso assegnato")),
            ("lms.enrollment.remove", _("Assegnazione rimossa")),
            ("lms.enrollment.restore", _("Assegnazione ripristinata")),
            (
                "lms.enrollment.restart",
                _("Corso da ripetere"),
                _("Corso da ripetere: nuovo ciclo"),
            ),
        ]
    ),
)


@hooks.register("register_admin_urls")
def register_assignment_urls():
    urls = [
        path("", admin_views.AssignView.as_view(), name="assign"),
        path(
            "corso/<id:course_id>/",
            admin_views.CourseAssignmentsView.as_view(),
            name="course",
        ),
        path(
            "<id:enrollment_id>/rimuovi/",
            admin_views.RemoveAssignmentView.as_view(),
            name="remove",
        ),
    ]
    return [path("assegnazioni/", include((urls, "courses_admin")))]


hooks.register(
    "register_admin_menu_item",
    menu_item(
        _("Assegna corso"),
        "courses_admin:assign",
        shown_to=has_perm("courses.assign_course"),
        icon_name="group",
        order=240,
    ),
)


@hooks.register("register_admin_urls")
def register_scenario_urls():
    urls = [
        path("", admin_views.ScenarioIndexView.as_view(), name="index"),
        path(
            "modulo/<id:module_id>/",
            admin_views.ScenarioSummaryView.as_view(),
            name="summary",
        ),
    ]
    return [path("scenari/", include((urls, "courses_scenarios")))]


hooks.register(
    "register_reports_menu_item",
    menu_item(
        _("Scelte negli scenari"),
        "courses_scenarios:index",
        shown_to=admin_views.can_read_scenarios,
        icon_name="comment",
        order=950,
    ),
)


@hooks.register("register_page_listing_more_buttons")
def scenario_summary_button(page, user, next_url=None):
    if page.specific_class is ModulePage and page.permissions_for_user(user).can_edit():
        yield ListingMenuItem(
            _("Scelte negli scenari"),
            url=reverse("courses_scenarios:summary", args=[page.pk]),
            icon_name="comment",
            priority=70,
        )


@hooks.register("construct_homepage_panels")
def add_trainer_dashboard(request, panels):
    if sees_trainer_panel(request.user):
        panels.append(TrainerDashboardPanel())
