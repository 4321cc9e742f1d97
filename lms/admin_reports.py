"""Admin report pages: Wagtail's site history exported with formulas
neutralised, and the base of the project's own read-only reports.


The audit trail is exported by HR and auditors to spreadsheets; its labels
carry names people typed (a person, a course, a file), so a name written as a
formula would run when the CSV is opened. Wagtail's view writes values as they
are; this one passes each through `lms.spreadsheets.neutralise_text`. It is
mounted at Wagtail's own address (`lms.urls`, before the admin's URLs), so the
menu and the export buttons lead here.
"""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from .spreadsheets import neutralise_text


class SiteHistoryView(LogEntriesView):
    def preprocess_field_value(self, field, value, export_format):
        return neutralise_text(
            super().preprocess_field_value(field, value, export_format)
        )


class AdminReportView(WagtailAdminTemplateMixin, TemplateView):
    """A read-only page in Wagtail's admin, under its header and breadcrumbs.
    Who may read it is the subclass's `allowed`, asked before anything else
    runs: the menu item hiding the link is no permission check."""

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]
