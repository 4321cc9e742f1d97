"""Entries for the project's own pages in Wagtail's admin menus.

Every such page has its own check of who may read it (a permission, or a
predicate such as `can_read_results`); its menu entry is shown to the same
people, so that nobody is given a link that answers 403. Hiding the link is no
permission check: the page asks again.
"""

from django.urls import reverse
from wagtail.admin.menu import MenuItem

__all__ = ["has_perm", "menu_item"]


class _MenuItemFor(MenuItem):
    def __init__(self, label, url, *, shown_to, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def menu_item(label, url_name, *, shown_to, icon_name, order):
    """A `register_admin_menu_item` (or `register_reports_menu_item`) hook: an
    entry leading to the page named `url_name`, shown to whoever
    `shown_to(user)` admits. The URL is reversed when Wagtail builds its menu,
    once every app's URLs are loaded."""

    def register():
        return _MenuItemFor(
            label,
            reverse(url_name),
            shown_to=shown_to,
            icon_name=icon_name,
            order=order,
        )

    return register


def has_perm(permission: str):
    """`shown_to` for a page that asks one permission."""
    return lambda user: user.has_perm(permission)
