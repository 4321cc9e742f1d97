"""The admin's document form: the upload checks of every file, and who may
replace the file of a document already in use."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.uploads import CheckedDocumentForm

FILE_REPLACEMENT_REFUSED = _(
    "Solo un formatore responsabile può sostituire il file di un documento: "
    "carica il nuovo file come nuovo documento e chiedi la revisione del modulo "
    "che lo usa."
)


def may_replace_files(user) -> bool:
    """Whoever may publish pages (the lead trainers): a module's document is
    part of what it teaches, and a new file reaches learners at once, so
    replacing it is a publication. Decided by the right, never by a group's
    name."""
    return bool(user) and PagePermissionPolicy().user_has_permission(user, "publish")


class GovernedDocumentForm(CheckedDocumentForm):
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
            self.add_error("file", FILE_REPLACEMENT_REFUSED)
        return cleaned
