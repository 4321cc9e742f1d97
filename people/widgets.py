"""Widgets that show groups by their role name in the interface language
(Wagtail's forms label groups by their stored, English name). Imports nothing
but the roles, so any app's models may use them in their panels."""

from django import forms

from .roles import role_label


class _RoleLabels:
    def create_option(self, name, value, label, *args, **kwargs):
        instance = getattr(value, "instance", None)
        if instance is not None:
            label = role_label(instance)
        return super().create_option(name, value, label, *args, **kwargs)


class RoleSelect(_RoleLabels, forms.Select):
    pass


class RoleSelectMultiple(_RoleLabels, forms.SelectMultiple):
    pass
