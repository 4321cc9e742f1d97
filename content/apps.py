from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Contenuti")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, Site

        from .middleware import SiteMiddleware

        def page_saved(sender, instance, **kwargs):
            if isinstance(instance, Page):
                SiteMiddleware.forget()

        for signal in (post_save, post_delete):
            signal.connect(SiteMiddleware.forget, sender=Site, dispatch_uid="lms_site")
            signal.connect(page_saved, dispatch_uid=f"lms_site_page_{signal}")
