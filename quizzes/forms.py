from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question

FIELD_PREFIX = "question_"


class QuizForm(forms.Form):
    """One field per question. Choices carry option ids and texts only: nothing in
    the rendered page says which option is correct."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            choices = [(str(o.pk), o.text) for o in question.options.all()]
            label = f"{number}. {question.text}"
            if question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Seleziona tutte le risposte corrette."),
                    error_messages={"required": _("Scegli almeno una risposta.")},
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    help_text=_("Seleziona una risposta."),
                    error_messages={"required": _("Scegli una risposta.")},
                )
            self.fields[f"{FIELD_PREFIX}{question.pk}"] = field

    def answers(self) -> dict[int, list[int]]:
        result = {}
        for name, value in self.cleaned_data.items():
            values = value if isinstance(value, list) else [value]
            result[int(name.removeprefix(FIELD_PREFIX))] = [int(v) for v in values]
        return result
