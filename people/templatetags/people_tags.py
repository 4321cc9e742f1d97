from django import template

from people.roles import role_label

register = template.Library()


@register.filter(name="role_label")
def role_label_filter(group) -> str:
    """A group by its role name in the interface language."""
    return role_label(group)
