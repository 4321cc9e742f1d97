"""The base form of the project's models edited in Wagtail's admin."""

from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.models import formfield_for_dbfield

from .forms import (
    DateField,
    DateTimeField,
    ModelChoiceField,
    ModelMultipleChoiceField,
)


def formfield(db_field, **kwargs):
    """Wagtail's form field for each model field, except that dates and rows
    chosen by id are `lms.forms`' fields: a date outside the years every
    computation takes, or an id too long for the database, is the field's
    error rather than an OverflowError (a course is reached through its page's
    id, many rows through `__in`)."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return formfield_for_dbfield(db_field, **kwargs)


class AdminModelForm(WagtailAdminModelForm):
    """The `base_form_class` of a snippet with dates or rows chosen by id."""

    class Meta(WagtailAdminModelForm.Meta):
        formfield_callback = formfield


class AdminPageForm(WagtailAdminPageForm):
    """The same fields on a project page's editor (its `base_form_class`)."""

    class Meta(WagtailAdminPageForm.Meta):
        formfield_callback = formfield
