from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Attendance


class RegisterRowForm(forms.Form):
    """One person's line of the register (prefix: their user id)."""

    status = forms.ChoiceField(
        label=_("Presenza"),
        choices=Attendance.Status.choices,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label=_("Minuti di presenza"), min_value=0, required=False
    )
