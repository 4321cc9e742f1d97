from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from .models import Department


class TrainingStatusFilter(forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=100,
        help_text=_("Nome, e-mail o matricola"),
    )
    department = forms.ModelChoiceField(
        label=_("Reparto"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Tutti i reparti"),
    )
    course = forms.ModelChoiceField(
        label=_("Corso"),
        queryset=CoursePage.objects.live().order_by("path"),
        required=False,
        empty_label=_("Tutti i corsi"),
    )
