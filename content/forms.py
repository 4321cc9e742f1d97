"""The admin's document and image forms: the upload checks of every file, and
who may replace the file of a document or an image already in use."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.uploads import CheckedDocumentForm, CheckedImageForm

FILE_REPLACEMENT_REFUSED = _(
    "Solo un formatore responsabile può sostituire il file di un documento: "
    "carica il nuovo file come nuovo documento e chiedi la revisione del modulo "
    "che lo usa."
)
IMAGE_REPLACEMENT_REFUSED = _(
    "Solo un formatore responsabile può sostituire il file di un'immagine: "
    "carica la nuova immagine come nuova immagine e chiedi la revisione del "
    "modulo che la usa."
)


def may_replace_files(user) -> bool:
    """Whoever may publish pages (the lead trainers): a module's document is
    part of what it teaches, and a new file reaches learners at once, so
    replacing it is a publication. Decided by the right, never by a group's
    name."""
    return bool(user) and PagePermissionPolicy().user_has_permission(user, "publish")


class _GovernedFile:
    """Refuses a new file for an existing document or image to whoever may not
    publish; the title, tags and collection stay editable."""

    replacement_refused: str

    def __init__(self, *args, user=None, **kwargs):
        self.editing_user = user
        super().__init__(*args, user=user, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk
            and "file" in self.changed_data
            and self.editing_user is not None
            and not may_replace_files(self.editing_user)
        ):
            self.add_error("file", self.replacement_refused)
        return cleaned


class GovernedDocumentForm(_GovernedFile, CheckedDocumentForm):
    replacement_refused = FILE_REPLACEMENT_REFUSED


class GovernedImageForm(_GovernedFile, CheckedImageForm):
    replacement_refused = IMAGE_REPLACEMENT_REFUSED
