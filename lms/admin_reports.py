"""Wagtail's site history, exported with formulas neutralised.

The audit trail is exported by HR and auditors to spreadsheets; its labels
carry names people typed (a person, a course, a file), so a name written as a
formula would run when the CSV is opened. Wagtail's view writes values as they
are; this one passes each through `lms.spreadsheets.neutralise_text`. It is
mounted at Wagtail's own address (`lms.urls`, before the admin's URLs), so the
menu and the export buttons lead here.
"""

from wagtail.admin.views.reports.audit_logging import LogEntriesView

from .spreadsheets import neutralise_text


class SiteHistoryView(LogEntriesView):
    def preprocess_field_value(self, field, value, export_format):
        return neutralise_text(
            super().preprocess_field_value(field, value, export_format)
        )
