"""HR's report filters: they choose among courses and certifications, so they
live here, above the apps they read, not in `people`. The hours register's
filter too: a course (or every course) and a period."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from certificates.forms import BAD_DATE_RANGE
from certifications.models import Certification, CertificationStatus
from content.translation import originals
from courses.forms import course_filter
from courses.models import CoursePage
from lms.forms import DateField, ModelChoiceField
from people.forms import ACTIVE_CHOICES, PersonSearchFilter, manager_chooser
from people.models import Department

from .hours import check_period, this_year


class TrainingStatusFilter(PersonSearchFilter):
    course = course_filter(originals(CoursePage.objects.live()).order_by("path"))


EXPIRY_RANGE_REVERSED = _(
    "La data finale della scadenza viene prima di quella iniziale."
)


class ComplianceFilter(PersonSearchFilter):
    manager = manager_chooser()
    certification = ModelChoiceField(
        label=_("Certificazione"),
        queryset=Certification.objects.filter(live=True),
        required=False,
        empty_label=_("Tutte le certificazioni"),
    )
    status = forms.ChoiceField(
        label=_("Stato"),
        required=False,
        choices=[
            ("", _("Tutti gli stati")),
            ("valid", _("Con certificato valido")),
            *CertificationStatus.Status.choices,
        ],
    )
    hired_from = DateField(label=_("Assunti dal"), required=False)
    hired_to = DateField(label=_("Assunti fino al"), required=False)
    expires_from = DateField(label=_("Certificato che scade dal"), required=False)
    expires_to = DateField(label=_("Certificato che scade fino al"), required=False)
    sort = forms.ChoiceField(
        label=_("Ordina per"),
        required=False,
        choices=[
            ("name", _("Cognome (A-Z)")),
            ("-name", _("Cognome (Z-A)")),
            ("department", _("Reparto (A-Z)")),
            ("-department", _("Reparto (Z-A)")),
            ("employee_id", _("Matricola")),
            ("hire_date", _("Assunzione (prima i meno recenti)")),
            ("-hire_date", _("Assunzione (prima i più recenti)")),
        ],
    )

    def __init__(self, *args, manager_choices=None, team=None, **kwargs):
        """`team`: a manager's people. Then every choice comes from the team
        (its departments, the certifications it is required to hold), and a
        value from outside it is refused as not one of the choices."""
        super().__init__(*args, **kwargs)
        if manager_choices is None:
            del self.fields["manager"]
        else:
            self.fields["manager"].queryset = manager_choices
        if team is not None:
            self.fields["department"].queryset = Department.objects.filter(
                Exists(team.filter(department=OuterRef("pk")))
            )
            self.fields["certification"].queryset = Certification.objects.filter(
                Exists(
                    CertificationStatus.objects.filter(
                        certification=OuterRef("pk"), user__in=team
                    )
                ),
                live=True,
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("expires_from"), data.get("expires_to")
        if start and end and start > end:
            self.add_error("expires_to", EXPIRY_RANGE_REVERSED)
        start, end = data.get("hired_from"), data.get("hired_to")
        if start and end and start > end:
            # The words of the certificates list for the same mistake.
            self.add_error("hired_to", BAD_DATE_RANGE)
        return data

    def values(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: data.get(key) for key in self.fields}


class ManagerSearch(forms.Form):
    """The manager chooser's question: the same limit as the dashboard's search."""

    q = forms.CharField(required=False, max_length=100)


class PeriodForm(forms.Form):
    start = DateField(label=_("Dal"), required=False)
    end = DateField(label=_("Al"), required=False)

    def clean(self):
        data = super().clean()
        if self.has_error("start") or self.has_error("end"):
            return data  # the field's error says it; the period is the default
        default_start, default_end = this_year()
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        check_period(data["start"], data["end"])
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The period asked for; the calendar year when the form is empty or
        wrong (the page shows the form's errors beside the default figures)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return this_year()


class RegisterFilter(PeriodForm):
    course = course_filter(originals(CoursePage.objects.all()).order_by("title"))
    # Everyone by default, deactivated people too: their hours stay on record.
    active = forms.ChoiceField(label=_("Stato"), required=False, choices=ACTIVE_CHOICES)

    field_order = ["course", "start", "end", "active"]

    def course_choice(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("course")
        return None

    def active_choice(self) -> bool | None:
        """True: only active people; False: only deactivated ones; None: all."""
        if self.is_bound and self.is_valid():
            return {"yes": True, "no": False}.get(self.cleaned_data.get("active"))
        return None
