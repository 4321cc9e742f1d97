from django import template

from content.fragments import render_body

register = template.Library()


@register.simple_tag(takes_context=True)
def page_body(context, page):
    """The page's StreamField body, its shared blocks kept as cached fragments
    (`content.fragments`)."""
    return render_body(page=page, stream=page.body, context=context)
