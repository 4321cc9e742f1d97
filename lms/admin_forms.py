"""The base form of the project's models edited in Wagtail's admin."""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.models import (
    WagtailAdminModelFormMetaclass,
    formfield_for_dbfield,
)
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail.snippets.widgets import AdminSnippetChooser

from .forms import (
    DateField,
    DateTimeField,
    ModelChoiceField,
    ModelMultipleChoiceField,
)

# Wagtail's own words (its catalogue translates them), named by a variable so
# that they are not copied into the project's catalogue.
_SNIPPET_BUTTONS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def _named(text: str, model) -> str:
    return gettext(text) % {"object": model._meta.verbose_name}


_named_lazy = lazy(_named, str)


def chooser_words_on_render(widget) -> None:
    """A chooser's buttons in the language of the page that shows them.

    Wagtail words them when the widget is made ("Choose a page (Course)",
    "Choose observation checklist"), and the admin makes its views' forms
    once, when the URLs load, in the default language: an English editor
    would read "Scegli una pagina (Corso)". These are the same words, put
    into the reader's language each time the form is shown."""
    if isinstance(widget, AdminSnippetChooser):
        for attribute, text in _SNIPPET_BUTTONS.items():
            setattr(widget, attribute, _named_lazy(text, widget.model))
    elif isinstance(widget, AdminPageChooser) and widget.model is not Page:
        # One page type: Wagtail adds its name, "Choose a page (Course)".
        widget.choose_one_text = format_lazy(
            "{} ({})",
            AdminPageChooser.choose_one_text,
            capfirst(widget.model._meta.verbose_name),
        )


def formfield(db_field, **kwargs):
    """Wagtail's form field for each model field, except that dates and rows
    chosen by id are `lms.forms`' fields: a date outside the years every
    computation takes, or an id too long for the database, is the field's
    error rather than an OverflowError (a course is reached through its page's
    id, many rows through `__in`); and a chooser's buttons speak the reader's
    language (`chooser_words_on_render`)."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    field = formfield_for_dbfield(db_field, **kwargs)
    if field is not None:
        chooser_words_on_render(field.widget)
    return field


class AdminModelFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        # An inline panel's rows (a quiz's questions) get the same fields.
        return AdminModelForm


class AdminModelForm(WagtailAdminModelForm, metaclass=AdminModelFormMetaclass):
    """The `base_form_class` of a snippet with dates, rows chosen by id or
    choosers."""

    class Meta(WagtailAdminModelForm.Meta):
        formfield_callback = formfield


class AdminPageForm(WagtailAdminPageForm):
    """The same fields on a project page's editor (its `base_form_class`)."""

    class Meta(WagtailAdminPageForm.Meta):
        formfield_callback = formfield
