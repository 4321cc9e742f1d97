import json

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

NEEDS_TWO = _("Servono almeno due opzioni.")
ONE_RIGHT = _("Segna come corretta una sola opzione.")
SOME_RIGHT = _("Segna come corretta almeno un'opzione.")
TRUE_FALSE = _("Vero o falso ha esattamente due opzioni, una sola corretta.")
ACCEPTED = _("Indica almeno una risposta accettata.")
MATCHES = _("Ogni elemento da abbinare ha bisogno del suo abbinamento.")
SITUATION = _("Descrivi la situazione o il messaggio del cliente.")
BRANCHING_NEEDED = _(
    "Costruisci lo scenario a bivi: almeno un passo, con le risposte e i loro esiti."
)
BRANCHING_ONLY = _(
    "Lo scenario a bivi si costruisce solo per le domande di tipo «Scenario a bivi»."
)


OPTION_LABELS = {
    "single": _("Risposta proposta"),
    "multiple": _("Risposta proposta"),
    "true_false": _("Risposta (Vero o Falso)"),
    "scenario": _("Risposta proposta"),
    "short_text": _("Risposta accettata"),
    "ordering": _("Passo (nell'ordine giusto)"),
    "matching": _("Elemento da abbinare"),
}


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks that the options make sense for the question's type, so a
    question that cannot be answered or graded never reaches a quiz. The
    editor shows only the fields of the chosen type (question_form.js)."""

    class Media:
        js = ["quizzes/question_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].widget.attrs["data-option-labels"] = json.dumps(
                {kind: str(label) for kind, label in OPTION_LABELS.items()}
            )

    def is_valid(self):
        if not super().is_valid():
            return False
        options = [
            form.cleaned_data
            for form in self.formsets["options"].forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        right = sum(1 for o in options if o.get("is_correct"))
        kind = self.cleaned_data.get("kind")
        errors = []
        if kind == "branching":
            if not self.cleaned_data.get("branching"):
                self.add_error("branching", BRANCHING_NEEDED)
            return not self.errors
        if self.cleaned_data.get("branching"):
            self.add_error("branching", BRANCHING_ONLY)
        if kind != "short_text" and len(options) < 2:
            errors.append(NEEDS_TWO)
        if kind in ("single", "scenario") and right != 1:
            errors.append(ONE_RIGHT)
        if kind == "multiple" and right < 1:
            errors.append(SOME_RIGHT)
        if kind == "true_false" and (len(options) != 2 or right != 1):
            errors.append(TRUE_FALSE)
        if kind == "short_text" and not options:
            errors.append(ACCEPTED)
        if kind == "matching" and any(not o.get("match") for o in options):
            errors.append(MATCHES)
        if kind == "scenario" and not self.cleaned_data.get("scenario"):
            self.add_error("scenario", SITUATION)
        for error in errors:
            self.add_error(None, error)
        return not self.errors
