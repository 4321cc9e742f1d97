from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Contenuti")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import post_page_move

        from lms.receivers import on_save_or_delete

        from . import tree
        from .middleware import SiteMiddleware

        def page_saved(sender, instance, **kwargs):
            if isinstance(instance, Page):
                SiteMiddleware.forget()
                tree.changed()

        # A receiver defined here must be held strongly: the signal's weak
        # reference alone would let it be collected as ready() returns.
        for signal in (post_save, post_delete):
            signal.connect(SiteMiddleware.forget, sender=Site, dispatch_uid="lms_site")
            signal.connect(
                page_saved, weak=False, dispatch_uid=f"lms_site_page_{signal}"
            )
        on_save_or_delete(tree.changed, PageViewRestriction, uid="lms_tree")
        m2m_changed.connect(
            tree.changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="lms_tree_restriction_groups",
        )
        # A move rewrites the descendants' paths without saving them.
        post_page_move.connect(
            page_saved, weak=False, dispatch_uid="lms_tree_page_move"
        )
