from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nome"),
        max_length=100,
        help_text=_("A cosa serve, per esempio «Sistema paghe»."),
    )
