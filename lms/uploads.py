"""Uploads are checked by what they contain, not by their name.

Wagtail's image and document forms use these bases (settings
`WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`): a file whose
bytes are not what its extension claims, or that is too large, is refused with a
clear message. Documents are served as attachments with nosniff (settings), so
even a text file can never be rendered as a page.
"""

import filetype
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

ERROR_TOO_LARGE = _("Il file è troppo grande: il massimo è %(limit)s.")
ERROR_WRONG_CONTENT = _(
    "Il contenuto del file non corrisponde al tipo %(extension)s: carica un file "
    "%(extension)s valido."
)
ERROR_NOT_TEXT = _("Il file non è un testo valido (UTF-8) di tipo %(extension)s.")
ERROR_NOT_WEBVTT = _(
    "Il file non è un sottotitolo WebVTT: la prima riga deve essere «WEBVTT»."
)

# Magic-number MIME types accepted for each binary extension.
BINARY_TYPES = {
    "pdf": {"application/pdf"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "gif": {"image/gif"},
    "webp": {"image/webp"},
    "mp3": {"audio/mpeg"},
    "ogg": {"audio/ogg"},
    "oga": {"audio/ogg"},
    "opus": {"audio/ogg"},
    "m4a": {"audio/mp4", "video/mp4"},
    "mp4": {"video/mp4"},
    "webm": {"video/webm"},
}
TEXT_EXTENSIONS = {"csv", "txt", "vtt"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")


def check_upload(uploaded, *, max_size: int) -> None:
    """Raise ValidationError unless the file's bytes match its extension."""
    if uploaded.size > max_size:
        raise forms.ValidationError(
            ERROR_TOO_LARGE, params={"limit": filesizeformat(max_size)}
        )
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if extension in TEXT_EXTENSIONS:
        lowered = head.lower()
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # The head may cut a multi-byte character; only a real error counts.
            if exc.start < len(head) - 4:
                raise forms.ValidationError(
                    ERROR_NOT_TEXT, params={"extension": extension.upper()}
                ) from exc
        if b"\x00" in head or any(marker in lowered for marker in _HTML_MARKERS):
            raise forms.ValidationError(
                ERROR_NOT_TEXT, params={"extension": extension.upper()}
            )
        if extension == "vtt" and not head.removeprefix(b"\xef\xbb\xbf").startswith(
            b"WEBVTT"
        ):
            raise forms.ValidationError(ERROR_NOT_WEBVTT)
        return
    kind = filetype.guess(head)
    if kind is None or kind.mime not in BINARY_TYPES.get(extension, set()):
        raise forms.ValidationError(
            ERROR_WRONG_CONTENT, params={"extension": extension.upper() or "?"}
        )


class _CheckedUpload:
    """Checks a new or replaced file; the size limit is a setting read when the
    form is cleaned, so a deployment (or a test) may change it."""

    size_setting: str

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("file")
        if uploaded and "file" in self.changed_data:
            check_upload(uploaded, max_size=getattr(settings, self.size_setting))
        return cleaned


class CheckedDocumentForm(_CheckedUpload, BaseDocumentForm):
    size_setting = "LMS_DOCUMENT_MAX_UPLOAD_SIZE"


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, where a file with an image's signature over
    broken data gets the message of any other non-image: Wagtail asks the image
    library for its size outside its own guard, and the library's error was a
    500."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError:
            raise
        # The image library raises OSError, SyntaxError, ValueError, EOFError,
        # struct.error... depending on the format and where the data breaks.
        except Exception as exc:  # noqa: BLE001
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc


class CheckedImageForm(_CheckedUpload, BaseImageForm):
    size_setting = "WAGTAILIMAGES_MAX_UPLOAD_SIZE"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds this field in its form factory; the checked one takes
        # its place with the same label, requirement and widget.
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
