from django import forms
from django.utils.translation import gettext_lazy as _

from content.translation import originals
from lms.forms import DateField, ModelChoiceField
from people.forms import department_filter

from .models import Certificate

BAD_DATE_RANGE = _("La data iniziale è successiva a quella finale.")


def _courses():
    # The courses certificates are issued for, reached through the certificate's
    # own relation: certificates sit below courses and do not import them. Each
    # once: certificates name the original course, never its translation.
    model = Certificate._meta.get_field("course").related_model
    return originals(model.objects.all()).order_by("path")


class CertificateFilter(forms.Form):
    course = ModelChoiceField(
        label=_("Corso"),
        queryset=_courses(),
        required=False,
        empty_label=_("Tutti i corsi"),
    )
    department = department_filter()
    status = forms.ChoiceField(
        label=_("Stato"),
        choices=[("", _("Tutti gli stati")), *Certificate.Status.choices],
        required=False,
    )
    issued_from = DateField(label=_("Rilasciati dal"), required=False)
    issued_to = DateField(label=_("Rilasciati fino al"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("issued_from"), data.get("issued_to")
        if start and end and start > end:
            raise forms.ValidationError(BAD_DATE_RANGE)
        return data

    def filters(self) -> dict:
        """The cleaned filters (the views select nothing when the form is
        invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class RevokeForm(forms.Form):
    public_reason = forms.CharField(
        label=_("Motivo pubblico"),
        max_length=300,
        help_text=_("Mostrato a chiunque verifichi il certificato."),
    )
    internal_reason = forms.CharField(
        label=_("Motivo interno"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Resta nel registro, visibile solo a HR."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=300)
