"""The hours register's filter: a course (or every course) and a period."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from .hours import this_year

PERIOD_BACKWARDS = _("La data di fine viene prima della data di inizio.")
PERIOD_TOO_LONG = _("Il periodo può durare al massimo 10 anni.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Dal"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Al"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        default_start, default_end = this_year()
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        if data["end"] < data["start"]:
            raise forms.ValidationError(PERIOD_BACKWARDS)
        if data["end"] - data["start"] > datetime.timedelta(days=3653):
            raise forms.ValidationError(PERIOD_TOO_LONG)
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The period asked for; the calendar year when the form is empty or
        wrong (the page shows the form's errors beside the default figures)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return this_year()


class RegisterFilter(PeriodForm):
    course = forms.ModelChoiceField(
        label=_("Corso"),
        queryset=CoursePage.objects.order_by("title"),
        required=False,
        empty_label=_("Tutti i corsi"),
    )

    field_order = ["course", "start", "end"]

    def course_choice(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("course")
        return None
