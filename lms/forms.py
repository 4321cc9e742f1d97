"""The form fields every app's forms share for what people type: a date (a
filter's or a record's) and a row chosen by its id. Whatever the browser sends,
the answer is the field's error in the person's language, never a 500."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .converters import ID_PATTERN

# Python's dates run from year 1 to 9999, but a day added to 31/12/9999, or a
# local midnight of 01/01/0001 turned into UTC, overflows (in Python, or in the
# SQLite driver). No training record or period is outside these years, and
# within them any day, a week or a year either side still computes.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)

DATE_OUT_OF_RANGE = _("Indica una data dal %(earliest)s al %(latest)s.")


def check_date(
    value: datetime.date,
    *,
    earliest: datetime.date = EARLIEST,
    latest: datetime.date = LATEST,
) -> None:
    """The one range check of a typed date (forms, services, the API)."""
    if not earliest <= value <= latest:
        raise ValidationError(
            DATE_OUT_OF_RANGE,
            code="date_out_of_range",
            params={
                "earliest": earliest.strftime("%d/%m/%Y"),
                "latest": latest.strftime("%d/%m/%Y"),
            },
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateField(forms.DateField):
    """A date between `earliest` and `latest` (by default `EARLIEST` and
    `LATEST`), typed in the browser's date picker, which is told the same
    bounds."""

    def __init__(self, *, earliest=EARLIEST, latest=LATEST, **kwargs):
        self.earliest, self.latest = earliest, latest
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {
            "min": self.earliest.isoformat(),
            "max": self.latest.isoformat(),
        }

    def validate(self, value):
        super().validate(value)
        if value is not None:
            check_date(value, earliest=self.earliest, latest=self.latest)


class DateTimeField(forms.DateTimeField):
    """A moment on a day `DateField` would take (in the local time zone)."""

    def validate(self, value):
        super().validate(value)
        if value is not None:
            check_date(value.date())


class _IdChoice:
    """A choice keyed by an integer id takes only `ID_PATTERN`, as the URLs do.
    Django turns a value of any length into a number, and a number beyond 64
    bits raises OverflowError (not the field's error) on SQLite where the key
    is reached through a relation, as a course page's is, or in an `__in`."""

    def _id_fits(self, value) -> bool:
        if isinstance(value, models.Model):
            return True
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        while key.is_relation:
            key = key.target_field
        if not isinstance(key, models.IntegerField):
            return True
        return re.fullmatch(ID_PATTERN, str(value)) is not None


class ModelChoiceField(_IdChoice, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not self._id_fits(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)

    def bound_data(self, data, initial):
        """The form shown again shows the value it had, not the refused id:
        Wagtail's choosers look the shown value up, and would crash on it."""
        if data not in self.empty_values and not self._id_fits(data):
            return initial
        return super().bound_data(data, initial)


class ModelMultipleChoiceField(_IdChoice, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value:
            if key not in self.empty_values and not self._id_fits(key):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return super()._check_values(value)

    def bound_data(self, data, initial):
        if isinstance(data, list | tuple):
            data = [key for key in data if self._id_fits(key)]
        return super().bound_data(data, initial)
