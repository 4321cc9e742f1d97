import json

from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from content.translation import source_of
from lms.admin_forms import AdminModelForm

NEEDS_TWO = _("Servono almeno due opzioni.")
ONE_RIGHT = _("Segna come corretta una sola opzione.")
SOME_RIGHT = _("Segna come corretta almeno un'opzione.")
TRUE_FALSE = _("Vero o falso ha esattamente due opzioni, una sola corretta.")
ACCEPTED = _("Indica almeno una risposta accettata.")
MATCHES = _("Ogni elemento da abbinare ha bisogno del suo abbinamento.")
STEPS_DISTINCT = _(
    "Ogni passo deve essere diverso dagli altri: chi fa il quiz non saprebbe "
    "distinguerli."
)
PAIRS_DISTINCT = _(
    "Ogni elemento e ogni abbinamento deve comparire una volta sola: chi fa il "
    "quiz non saprebbe distinguerli."
)
SITUATION = _("Descrivi la situazione o il messaggio del cliente.")
BRANCHING_NEEDED = _(
    "Costruisci lo scenario a bivi: almeno un passo, con le risposte e i loro esiti."
)
BRANCHING_ONLY = _(
    "Lo scenario a bivi si costruisce solo per le domande di tipo «Scenario a bivi»."
)


FOLLOWS_ORIGINAL = _(
    "Come nell'originale, che vale per chi fa il quiz in ogni lingua: si cambia "
    "lì, con la revisione."
)
# The other rules, where the explanation above would repeat itself.
SAME_AS_ORIGINAL = _("Come nell'originale.")


def _copy(row):
    """A quiz's fixed question or draw, for another quiz of the same kind."""
    fields = type(row)._meta.concrete_fields
    return type(row)(
        **{
            field.attname: getattr(row, field.attname)
            for field in fields
            if not field.primary_key and not isinstance(field, ParentalKey)
        }
    )


class QuizAdminForm(AdminModelForm):
    """A quiz's form. On a translation the rules (`Quiz.RULE_FIELDS`) and the
    questions (`Quiz.SELECTION`) are the original's and cannot be changed:
    every attempt, in any language, is the original's and follows its rules
    and asks its questions, so a pass mark typed or a question chosen on the
    translation would be saved and silently ignored. The rules are shown as
    the original has them, the questions by `panels.OriginalSelectionPanel`,
    and both saved so, keeping the translation's copy in step.

    `original`: the original quiz when the form edits a translation."""

    original = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        original = source_of(self.instance)
        if original.pk == self.instance.pk:
            return
        self.original = original
        for name in self._meta.model.SELECTION:
            # Not edited here: whatever is posted for them is not even read.
            self.formsets.pop(name, None)
        explained = False
        for name in self._meta.model.RULE_FIELDS:
            field = self.fields.get(name)
            if field is not None:
                field.disabled = True
                field.help_text = SAME_AS_ORIGINAL if explained else FOLLOWS_ORIGINAL
                explained = True
                self.initial[name] = getattr(original, name)

    def save(self, commit=True):
        instance = super().save(commit=False)
        if self.original is not None:
            for name in self._meta.model.SELECTION:
                rows = getattr(self.original, name).order_by("sort_order", "pk")
                setattr(instance, name, [_copy(row) for row in rows])
        if commit:
            # As ClusterForm saves: the quiz with its rows, then the rest.
            instance.save()
            self._save_m2m()
        return instance


OPTION_LABELS = {
    "single": _("Risposta proposta"),
    "multiple": _("Risposta proposta"),
    "true_false": _("Risposta (Vero o Falso)"),
    "scenario": _("Risposta proposta"),
    "short_text": _("Risposta accettata"),
    "ordering": _("Passo (nell'ordine giusto)"),
    "matching": _("Elemento da abbinare"),
}
# How the editor names the rows, their add button and their help for the types
# whose options are not proposed answers (question_form.js).
OPTION_ROWS = {
    "ordering": {
        "item": _("Passo"),
        "add": _("Aggiungi un passo"),
        "help": _(
            "I passi nell'ordine giusto, dal primo all'ultimo. Per cambiare "
            "l'ordine trascina un passo dalla maniglia a destra, o usa le frecce su "
            "e giù. Chi fa il quiz li vede mescolati."
        ),
    },
    "matching": {
        "item": _("Coppia"),
        "add": _("Aggiungi una coppia"),
        "help": _(
            "Una coppia per riga: a sinistra l'elemento, a destra ciò che gli "
            "corrisponde. Chi fa il quiz vede gli abbinamenti mescolati."
        ),
    },
}


def _same(texts: list[str]) -> bool:
    """Whether two of these texts read the same to a learner."""
    seen = [" ".join(text.split()).casefold() for text in texts]
    return len(set(seen)) < len(seen)


class QuestionAdminForm(AdminModelForm):
    """Checks that the options make sense for the question's type, so a
    question that cannot be answered or graded never reaches a quiz. The
    editor shows only the fields of the chosen type (question_form.js)."""

    class Media:
        js = ["quizzes/question_form.js"]
        css = {"all": ["quizzes/question_form.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            texts = {
                kind: {"label": str(label)} for kind, label in OPTION_LABELS.items()
            }
            for kind, rows in OPTION_ROWS.items():
                texts[kind].update({name: str(text) for name, text in rows.items()})
            self.fields["kind"].widget.attrs["data-option-texts"] = json.dumps(texts)

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
        texts = [o.get("text") or "" for o in options]
        if kind == "ordering" and _same(texts):
            errors.append(STEPS_DISTINCT)
        if kind == "matching" and (
            _same(texts) or _same([o.get("match") or "" for o in options])
        ):
            errors.append(PAIRS_DISTINCT)
        if kind == "scenario" and not self.cleaned_data.get("scenario"):
            self.add_error("scenario", SITUATION)
        for error in errors:
            self.add_error(None, error)
        return not self.errors
