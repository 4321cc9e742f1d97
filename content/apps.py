from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Contenuti")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.signals import (
            copy_for_translation_done,
            page_published,
            page_unpublished,
            post_page_move,
        )

        from .fragments import file_changed, page_changed
        from .translation import translation_starts_as_draft

        copy_for_translation_done.connect(
            translation_starts_as_draft, dispatch_uid="lms_translation_starts_as_draft"
        )
        for model in (get_image_model(), get_document_model()):
            for signal in (post_save, post_delete):
                signal.connect(
                    file_changed,
                    sender=model,
                    dispatch_uid=f"lms_fragments_{model.__name__}",
                )
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_changed, dispatch_uid="lms_fragments_linked_page")
