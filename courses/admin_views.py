"""The "assign a course" screens in Wagtail's admin, for HR and trainers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.admin_reports import AdminReportView

from . import selectors, services
from .forms import AssignForm, RemoveForm
from .models import CoursePage, Enrollment, ModulePage

ASSIGNED = _(
    "«{title}»: {assigned} nuove assegnazioni, {restored} ripristinate, "
    "{updated} aggiornate."
)
REMOVED = _("Assegnazione di {name} rimossa. Lo storico resta.")


class AssignPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("courses.assign_course"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AssignView(AssignPermissionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = AssignForm
    template_name = "courses/admin/assign.html"
    page_title = _("Assegna corso")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_initial(self):
        course = self.request.GET.get("course", "")
        return {"course": course} if course.isdigit() else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = selectors.assignable_courses()
        return context

    def form_valid(self, form):
        course = form.cleaned_data["course"]
        try:
            counts = services.enrollment_assign(
                users=form.recipients(),
                course=course,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                **form.due(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, ASSIGNED.format(title=course.title, **counts))
        return redirect("courses_admin:course", course.pk)


class CourseAssignmentsView(
    AssignPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "courses/admin/course_assignments.html"
    header_icon = "group"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["course_id"])

    def get_page_title(self):
        return _("Assegnazioni: %(title)s") % {"title": self.course.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("courses_admin:assign"), "label": _("Assegna corso")},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["rows"] = selectors.course_assignments(course=self.course)
        context["remove_form"] = RemoveForm()
        return context


class RemoveAssignmentView(AssignPermissionMixin, FormView):
    form_class = RemoveForm
    http_method_names = ["post"]

    def form_valid(self, form):
        enrollment = get_object_or_404(
            Enrollment.objects.select_related("user"), pk=self.kwargs["enrollment_id"]
        )
        services.enrollment_remove(
            enrollment=enrollment,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, REMOVED.format(name=enrollment.user.full_name))
        return redirect("courses_admin:course", enrollment.course_id)

    def form_invalid(self, form):
        messages.error(self.request, " ".join(form.errors.get("reason", [])))
        enrollment = get_object_or_404(Enrollment, pk=self.kwargs["enrollment_id"])
        return redirect("courses_admin:course", enrollment.course_id)


# Trainers: which replies agents choose in the scenarios -----------------------


def can_read_scenarios(user) -> bool:
    """Trainers and lead trainers (whoever may edit the course pages)."""
    return (
        user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        and PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])
    )


class ScenarioIndexView(AdminReportView):
    template_name = "courses/admin/scenario_index.html"
    page_title = _("Scelte negli scenari")
    header_icon = "comment"

    def allowed(self, user) -> bool:
        return can_read_scenarios(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["rows"] = [
            row
            for row in selectors.modules_with_scenarios()
            if row.module.permissions_for_user(user).can_edit()
        ]
        return context


class ScenarioSummaryView(AdminReportView):
    template_name = "courses/admin/scenario_summary.html"
    page_title = _("Scelte negli scenari")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        self.module = get_object_or_404(ModulePage, pk=kwargs["module_id"])
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, user) -> bool:
        # Per module: whoever may edit it (trainers of that part of the tree).
        return (
            can_read_scenarios(user)
            and self.module.permissions_for_user(user).can_edit()
        )

    def get_page_subtitle(self):
        return self.module.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("courses_scenarios:index"), "label": self.page_title},
            {"url": "", "label": self.module.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["module"] = self.module
        context["summaries"] = selectors.scenario_summary(module=self.module)
        return context
