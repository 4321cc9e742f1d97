from django import forms
from django.utils.translation import gettext_lazy as _

from lms.admin_forms import AdminModelForm

from .models import TRAINER_NOT_A_TRAINER, Attendance, Booking

CAPACITY_BELOW_BOOKED = _(
    "I posti non possono essere meno di quelli già prenotati ({booked}): "
    "annulla prima qualche prenotazione."
)


class SessionForm(AdminModelForm):
    """The admin's session form: the chooser already lists trainers only, and
    says why when someone else is sent; seats never drop below the people who
    hold one, who would keep a seat the page says does not exist."""

    class Meta(AdminModelForm.Meta):
        error_messages = {"trainer": {"invalid_choice": TRAINER_NOT_A_TRAINER}}

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk is None or capacity is None:
            return capacity
        booked = self.instance.bookings.filter(status=Booking.Status.BOOKED).count()
        if capacity < booked:
            raise forms.ValidationError(
                CAPACITY_BELOW_BOOKED.format(booked=booked), code="below_booked"
            )
        return capacity


class RegisterRowForm(forms.Form):
    """One person's line of the register (prefix: their user id)."""

    status = forms.ChoiceField(
        label=_("Presenza"),
        choices=Attendance.Status.choices,
        widget=forms.RadioSelect,
    )
    minutes = forms.IntegerField(
        label=_("Minuti di presenza"), min_value=0, required=False
    )
