from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Contenuti")

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from .translation import translation_starts_as_draft

        copy_for_translation_done.connect(
            translation_starts_as_draft, dispatch_uid="lms_translation_starts_as_draft"
        )
