from django import template

from ..policy import concerned_count

register = template.Library()


@register.simple_tag
def policy_review_audience(module) -> int:
    """How many people a policy change of this module would concern now."""
    return concerned_count(module=module)
