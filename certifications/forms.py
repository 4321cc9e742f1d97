from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import ModelChoiceField
from quizzes.models import Quiz


class PolicyChangeForm(forms.Form):
    note = forms.CharField(
        label=_("Che cosa è cambiato"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Lo leggono le persone certificate, nell'e-mail e nella pagina."),
    )
    quiz = ModelChoiceField(
        label=_("Quiz di verifica"),
        # Published quizzes only: a draft would start no attempt.
        queryset=Quiz.objects.filter(live=True).order_by("title"),
        required=False,
        empty_label=_("Le domande del quiz finale sugli argomenti del modulo"),
        help_text=_(
            "Senza un quiz scelto, la revisione chiede solo le domande del quiz "
            "finale sugli argomenti del modulo cambiato (tutto il quiz se il "
            "modulo non ne indica)."
        ),
    )
    due_days = forms.IntegerField(
        label=_("Giorni per completare la revisione"),
        min_value=1,
        max_value=365,
        initial=30,
    )


class PolicyApprovalForm(PolicyChangeForm):
    """The approval's comment (Wagtail's) and the policy change's details."""

    comment = forms.CharField(
        label=_("Commento"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
