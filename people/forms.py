from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lms.forms import DateField, DateInput, ModelChoiceField, ModelMultipleChoiceField

from . import sso
from .importing import FIELD_LABELS, REQUIRED_COLUMNS, column_guide
from .models import Department, User
from .roles import (
    LEARNER,
    ROLE_LABELS,
    grantable_groups,
    role_label,
    roles_change_refusal,
)
from .selectors import email_in_use

ERROR_EMAIL_TAKEN = _("Questo indirizzo e-mail è già usato da un'altra persona.")
ERROR_EMPLOYEE_ID_TAKEN = _("Esiste già una persona con questa matricola.")
ERROR_NO_ROLE = _("Scegli almeno un ruolo.")
ROLES_HELP = _(
    "Una persona senza ruolo non rientra in nessuna regola di assegnazione né "
    "certificazione."
)
# Django's own "<model> con questo <field> esiste già." gets the gender of
# "persona" and "matricola" wrong: the forms that edit a person say it in words.
UNIQUE_MESSAGES = {
    "email": {"unique": ERROR_EMAIL_TAKEN},
    "employee_id": {"unique": ERROR_EMPLOYEE_ID_TAKEN},
}


class RoleChoiceField(ModelChoiceField):
    """A role, shown by its name in the interface language."""

    def label_from_instance(self, obj):
        return role_label(obj)


class RoleMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return role_label(obj)


def role_ticks(grantable, person: User | None) -> tuple[list[int], set[int]]:
    """What a person form's roles field starts with: the roles ticked (for a
    new person Learner, the role every person starts with, so the default is
    seen and can be changed) and the ids of the roles `person` holds that the
    field does not offer, which stay as they are."""
    if person is None:
        return [g.pk for g in grantable if g.name == LEARNER], set()
    held = set(person.groups.values_list("pk", flat=True))
    offered = {g.pk for g in grantable}
    return [pk for pk in held if pk in offered], held - offered


def require_a_role(groups, kept_roles) -> None:
    """Every form that gives roles (HR's person form, Wagtail's user forms)
    keeps a person in at least one: someone with none can still sign in, but
    no role's assignment rule nor "required for everyone" certification counts
    them, so they would drop out of compliance unseen. Whoever leaves is
    deactivated instead."""
    if not groups and not kept_roles:
        raise forms.ValidationError(ERROR_NO_ROLE, code="required")


def department_filter() -> ModelChoiceField:
    """A list's optional department filter, "Tutti i reparti" when none is
    chosen: the same field on every HR list that can be narrowed to a
    department."""
    return ModelChoiceField(
        label=_("Reparto"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Tutti i reparti"),
    )


class PersonSearchFilter(forms.Form):
    """What every HR list of people starts with: a search and a department."""

    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=100,
        help_text=_("Nome, e-mail o matricola"),
    )
    department = department_filter()


ACTIVE_CHOICES = [
    ("", _("Tutti")),
    ("yes", _("Attivi")),
    ("no", _("Disattivati")),
]


def _role_choices(empty_label):
    return [("", empty_label), *((key, label) for key, label in ROLE_LABELS.items())]


def person_label(person: User) -> str:
    """Surname first, as HR lists are sorted, and the employee ID (or the
    e-mail) to tell namesakes apart: "Capo Carla (M1)"."""
    name = f"{person.last_name} {person.first_name}".strip()
    key = person.employee_id or person.email
    return f"{name} ({key})" if name else key


class ChooserSelect(forms.Select):
    """A select of the empty choice and the chosen person only: hundreds of
    options would weigh on every page. A search beside it (`chooser.js`, with
    `search_url` answering `[{"id", "label"}]`) adds the person picked."""

    template_name = "people/widgets/chooser.html"

    def __init__(self, *, search_url="", search_label="", attrs=None):
        super().__init__(attrs)
        self.search_url = search_url
        self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        context["widget"]["search_label"] = self.search_label
        return context

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field
        choices = [] if field.empty_label is None else [("", field.empty_label)]
        try:
            chosen = field.to_python(value[0]) if value else None
        except ValidationError:
            chosen = None  # the field's error says why
        if chosen is not None:
            choices.append(self.choices.choice(chosen))
        return [
            (None, [self.create_option(name, key, label, str(key) in value, n)], n)
            for n, (key, label) in enumerate(choices)
        ]


class PersonChooserField(ModelChoiceField):
    """A person among many, validated against `queryset` like any model
    choice, rendered as a `ChooserSelect`."""

    def __init__(self, *, search_url, search_label, **kwargs):
        kwargs["widget"] = ChooserSelect(
            search_url=search_url, search_label=search_label
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


MANAGER_UNKNOWN = _(
    "Questa persona non è tra i responsabili: cercala per nome, e-mail o matricola."
)


def manager_chooser() -> PersonChooserField:
    """HR's manager filter: hundreds of managers in a large company, so a
    search (HR's `hr:manager_search`), not a list of them all. The form sets
    the queryset the choice is checked against."""
    return PersonChooserField(
        label=_("Responsabile"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Tutti i responsabili"),
        error_messages={"invalid_choice": MANAGER_UNKNOWN},
        search_url=reverse_lazy("hr:manager_search"),
        search_label=_("Cerca un responsabile"),
    )


class PeopleFilter(PersonSearchFilter):
    manager = manager_chooser()
    role = forms.ChoiceField(label=_("Ruolo"), required=False, choices=())
    active = forms.ChoiceField(label=_("Stato"), required=False, choices=ACTIVE_CHOICES)
    hired_from = DateField(label=_("Assunti dal"), required=False)
    hired_to = DateField(label=_("Assunti fino al"), required=False)

    def __init__(self, *args, **kwargs):
        from .selectors import managers

        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers()
        self.fields["role"].choices = _role_choices(_("Tutti i ruoli"))

    def filters(self) -> dict:
        """The cleaned values as the selector's keyword arguments; an invalid
        field simply does not filter (its error is shown next to it)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("q") or "",
            "department": data.get("department"),
            "manager": data.get("manager"),
            "role": data.get("role") or "",
            "active": data.get("active") or "",
            "hired_from": data.get("hired_from"),
            "hired_to": data.get("hired_to"),
        }


# What HR keeps about a person beyond the sign-in fields: HR's own form and
# Wagtail's user admin edit the same ones.
HR_FIELDS = [
    "employee_id",
    "department",
    "job_title",
    "hire_date",
    "manager",
    "preferred_language",
]


class PersonForm(forms.ModelForm):
    """HR's person form. Its roles are the ones the person editing may give,
    ticked as the person has them; roles the form does not show stay as they
    are (`services.person_roles_set`). A person keeps at least one role
    (`require_a_role`), on the new-person form as on the edit one."""

    roles = RoleMultipleChoiceField(
        label=_("Ruoli"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=ROLES_HELP,
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", *HR_FIELDS]
        widgets = {"hire_date": DateInput()}
        error_messages = UNIQUE_MESSAGES

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        person = self.instance if self.instance.pk else None
        grantable = grantable_groups(actor, to=person)
        self.fields["roles"].queryset = grantable
        self.initial["roles"], self.kept_roles = role_ticks(grantable, person)
        # Typed as an employee ID: a select of every person would weigh a
        # megabyte in a company of 10,000.
        # The person themselves stays in: `User.clean` says why they cannot be
        # their own manager, instead of "no such person".
        self.fields["manager"] = ModelChoiceField(
            label=_("Matricola del responsabile"),
            queryset=User.objects.filter(is_active=True, employee_id__isnull=False),
            to_field_name="employee_id",
            required=False,
            widget=forms.TextInput(),
            error_messages={
                "invalid_choice": _("Nessuna persona attiva con questa matricola.")
            },
        )
        if self.instance.pk and self.instance.manager_id:
            self.initial["manager"] = self.instance.manager.employee_id

    def clean_roles(self):
        groups = self.cleaned_data["roles"]
        require_a_role(groups, self.kept_roles)
        refusal = roles_change_refusal(self.actor, self.instance, groups)
        if refusal:
            raise forms.ValidationError(refusal)
        return groups

    def clean_email(self):
        email = (self.cleaned_data["email"] or "").strip().lower()
        if email_in_use(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(ERROR_EMAIL_TAKEN)
        return email


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File CSV"),
        help_text=_(
            "La prima riga dà i nomi delle colonne, elencate qui sotto. Se una "
            "colonna ha un altro nome ti chiederemo di abbinarla, una volta sola. "
            "Separatore punto e virgola, virgola o tabulazione; UTF-8 o "
            "Windows-1252."
        ),
    )

    def column_guide(self):
        """The columns the importer reads, for the page to list them."""
        return column_guide()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.LMS_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Il file supera il limite di %(mb)s MB.")
                % {"mb": limit // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".tsv")):
            raise forms.ValidationError(_("Carica un file .csv."))
        if upload.size == 0:
            raise forms.ValidationError(_("Il file è vuoto."))
        return upload


ERROR_MAPPING_TWICE = _(
    "Il campo «%(field)s» è scelto per più colonne (%(columns)s): sceglilo per una "
    "sola."
)
ERROR_MAPPING_MISSING = _("Scegli una colonna per ogni campo obbligatorio: %(fields)s.")
ERROR_MAPPING_UNKNOWN = _(
    "«%(value)s» non è un campo del prodotto: scegline uno dall'elenco."
)


class ImportColumnsForm(forms.Form):
    """One select per column of the uploaded file: which field of the product
    it fills, or none. Field names are `column_<n>` so that any header, even an
    empty or repeated one, has its own select."""

    def __init__(self, *args, headers: list[str], initial_fields: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", _("— Non importare —")), *FIELD_LABELS.items()]
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("Colonna %(n)s senza nome") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=initial_fields[index] if index < len(initial_fields) else "",
                error_messages={"invalid_choice": ERROR_MAPPING_UNKNOWN},
            )

    def columns(self):
        return [self[f"column_{index}"] for index in range(len(self.headers))]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"column_{i}", "") for i in range(len(self.headers))]
        if self.errors:
            return cleaned
        for key, label in FIELD_LABELS.items():
            columns = [
                self.headers[i] or str(i + 1)
                for i, value in enumerate(chosen)
                if value == key
            ]
            if len(columns) > 1:
                self.add_error(
                    None,
                    ERROR_MAPPING_TWICE
                    % {"field": label, "columns": ", ".join(columns)},
                )
        missing = [
            str(FIELD_LABELS[key]) for key in REQUIRED_COLUMNS if key not in chosen
        ]
        if missing:
            self.add_error(None, ERROR_MAPPING_MISSING % {"fields": ", ".join(missing)})
        cleaned["fields"] = chosen
        return cleaned


class ImportApplyForm(forms.Form):
    deactivate_missing = forms.BooleanField(
        label=_("Disattiva le persone attive che non sono nel file"),
        required=False,
    )


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form, refusing the password for an address whose
    domain a company provider took over (`password_login_domains`,
    people/sso.py): the message names the button to use instead."""

    def clean(self):
        login = (self.cleaned_data.get("login") or "").strip()
        apps = get_social_adapter().list_apps(self.request)
        provider = sso.password_login_provider_for(login, apps)
        if provider:
            raise forms.ValidationError(
                sso.ERROR_PASSWORD_LOGIN_OFF
                % {"domain": login.rpartition("@")[2].lower(), "provider": provider}
            )
        return super().clean()
