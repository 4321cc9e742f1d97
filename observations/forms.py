from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import DateField, ModelChoiceField

from .models import Observation
from .services import OBSERVED_SINCE

CONTEXT_LABEL = _("Contesto")


class NewObservationForm(forms.Form):
    """Who is observed, with which checklist, where: the rest is scored on the
    next page."""

    agent = ModelChoiceField(queryset=None, label=_("Agente"))
    checklist = ModelChoiceField(queryset=None, label=_("Griglia"))
    context = forms.ChoiceField(
        choices=Observation.Context.choices, label=CONTEXT_LABEL
    )

    def __init__(self, *args, agents, checklists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents.order_by("last_name", "first_name")
        self.fields["agent"].label_from_instance = lambda user: user.full_name
        self.fields["checklist"].queryset = checklists
        if checklists.count() == 1:
            self.fields["checklist"].initial = checklists.first()


class ObservationForm(forms.Form):
    """The observation's scores, one set of radio buttons per criterion, grouped
    by parameter, with a comment per group. Field names carry the criterion's
    key (`c<key>`) and the group's position (`g<n>`)."""

    context = forms.ChoiceField(
        choices=Observation.Context.choices, label=CONTEXT_LABEL
    )
    observed_on = DateField(label=_("Data"), earliest=OBSERVED_SINCE)
    minutes = forms.IntegerField(label=_("Durata (minuti)"), min_value=1, max_value=480)
    strengths = forms.CharField(
        label=_("Punti di forza"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    improvement = forms.CharField(
        label=_("Una cosa da migliorare"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, observation: Observation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "context": observation.context,
                "observed_on": observation.observed_on,
                "minutes": observation.minutes,
                "strengths": observation.strengths,
                "improvement": observation.improvement,
            },
        )
        super().__init__(*args, **kwargs)
        self.observation = observation
        self.sections = []
        for index, group in enumerate(observation.groups):
            criteria = []
            for criterion in observation.criteria:
                if criterion["group"] != group:
                    continue
                levels = criterion.get("levels") or []
                choices = [
                    (
                        str(level),
                        f"{level} – {levels[level]}"
                        if level < len(levels)
                        else str(level),
                    )
                    for level in range(criterion["max"] + 1)
                ]
                name = f"c{criterion['key']}"
                self.fields[name] = forms.ChoiceField(
                    label=criterion["text"],
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=observation.scores.get(criterion["key"]),
                )
                criteria.append((self[name], criterion))
            comment = f"g{index}"
            self.fields[comment] = forms.CharField(
                label=_("Commento su «%(group)s»") % {"group": group},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=observation.group_comments.get(group, ""),
            )
            self.sections.append(
                {"group": group, "criteria": criteria, "comment": self[comment]}
            )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {
                c["key"]: data.get(f"c{c['key']}") for c in self.observation.criteria
            },
            "group_comments": {
                group: data.get(f"g{index}", "")
                for index, group in enumerate(self.observation.groups)
            },
            "strengths": data["strengths"],
            "improvement": data["improvement"],
            "context": data["context"],
            "observed_on": data["observed_on"],
            "minutes": data["minutes"],
        }


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Il tuo commento (facoltativo)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResultsFilterForm(forms.Form):
    department = ModelChoiceField(
        queryset=None, required=False, label=_("Reparto"), empty_label=_("Tutti")
    )
    since = DateField(required=False, label=_("Dal"))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
