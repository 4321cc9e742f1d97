"""Survey results in the Wagtail admin, for trainers and HR: per course and per
trainer, each rating question's distribution (a bar chart drawn on the server,
with the same figures in a table), its average, and the comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from content.translation import originals
from courses.forms import course_filter
from courses.models import CoursePage
from lms.admin_reports import AdminReportView
from lms.forms import ModelChoiceField

from .selectors import survey_results, trainers_with_responses

PERMISSION = "surveys.view_surveyresponse"


def can_read_results(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class TrainerChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class ResultsFilter(forms.Form):
    course = course_filter(originals(CoursePage.objects.all()).order_by("title"))
    trainer = TrainerChoiceField(
        label=_("Formatore"),
        queryset=trainers_with_responses(),
        required=False,
        empty_label=_("Tutti i formatori"),
    )


class ResultsView(AdminReportView):
    template_name = "surveys/admin/results.html"
    page_title = _("Questionari di gradimento")
    header_icon = "pick"

    def allowed(self, user) -> bool:
        return can_read_results(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = ResultsFilter(self.request.GET or None)
        values = filters.cleaned_data if filters.is_valid() else {}
        course, trainer = values.get("course"), values.get("trainer")
        context["filters"] = filters
        context["results"] = survey_results(
            course_id=course.pk if course else None,
            trainer_id=trainer.pk if trainer else None,
        )
        return context
