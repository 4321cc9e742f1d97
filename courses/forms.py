from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.translation import originals
from lms.forms import DateField, ModelChoiceField, ModelMultipleChoiceField
from people.models import Department, User
from people.widgets import RoleSelect

from .models import CoursePage

NO_ONE_CHOSEN = _("Scegli almeno una persona, un reparto o un ruolo.")
NO_ONE_MATCHES = _("Nessuna persona attiva corrisponde alla scelta.")
DUE_DATE_NEEDED = _("Indica la data di scadenza.")
DUE_DAYS_NEEDED = _("Indica entro quanti giorni.")
DUE_DATE_PAST = _("La scadenza non può essere nel passato.")


def course_filter(queryset) -> ModelChoiceField:
    """A report's optional course filter, "Tutti i corsi" when none is chosen:
    the same field wherever a report is narrowed to a course; the report says
    which courses it offers."""
    return ModelChoiceField(
        label=_("Corso"),
        queryset=queryset,
        required=False,
        empty_label=_("Tutti i corsi"),
    )


class AssignForm(forms.Form):
    """Who gets a course and by when. People, a department and a role add up:
    a department together with a role means the people with both."""

    course = ModelChoiceField(
        label=_("Corso"),
        queryset=originals(CoursePage.objects.live()).order_by("title"),
    )
    people = ModelMultipleChoiceField(
        label=_("Persone"),
        queryset=User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "email"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Tieni premuto Ctrl (o Cmd) per sceglierne più di una."),
    )
    department = ModelChoiceField(
        label=_("Reparto"), queryset=Department.objects.all(), required=False
    )
    role = ModelChoiceField(
        label=_("Ruolo"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=RoleSelect,
    )
    due_mode = forms.ChoiceField(
        label=_("Scadenza"),
        choices=[
            ("none", _("Nessuna scadenza")),
            ("date", _("Una data precisa")),
            ("days", _("Entro un numero di giorni dall'assegnazione")),
        ],
        initial="days",
        widget=forms.RadioSelect,
    )
    due_date = DateField(label=_("Data di scadenza"), required=False)
    due_in_days = forms.IntegerField(
        label=_("Giorni per completarlo"),
        required=False,
        min_value=1,
        max_value=730,
        initial=14,
    )
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=300,
        required=False,
        help_text=_("Resta nello storico dell'assegnazione."),
    )

    def clean(self):
        data = super().clean()
        mode = data.get("due_mode")
        if mode == "date":
            if not data.get("due_date"):
                self.add_error("due_date", DUE_DATE_NEEDED)
            elif data["due_date"] < timezone.localdate():
                self.add_error("due_date", DUE_DATE_PAST)
        if mode == "days" and not data.get("due_in_days"):
            self.add_error("due_in_days", DUE_DAYS_NEEDED)
        if not (data.get("people") or data.get("department") or data.get("role")):
            if not self.has_error("people"):
                raise forms.ValidationError(NO_ONE_CHOSEN)
        elif not self.errors and not self.recipients():
            raise forms.ValidationError(NO_ONE_MATCHES)
        return data

    def recipients(self) -> list[User]:
        data = self.cleaned_data
        chosen = {user.pk: user for user in data.get("people") or []}
        if data.get("department") or data.get("role"):
            group = User.objects.filter(is_active=True)
            if data.get("department"):
                group = group.filter(department=data["department"])
            if data.get("role"):
                group = group.filter(groups=data["role"])
            chosen.update({user.pk: user for user in group.distinct()})
        return list(chosen.values())

    def due(self) -> dict:
        mode = self.cleaned_data["due_mode"]
        if mode == "date":
            return {"due_date": self.cleaned_data["due_date"]}
        if mode == "days":
            return {"due_in_days": self.cleaned_data["due_in_days"]}
        return {}


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=300, required=False)
