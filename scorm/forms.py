from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services


class ScormPackageForm(WagtailAdminModelForm):
    """The admin's form: a title and, when the package is new, its zip. A
    package's files never change after upload (a new version is a new
    package), so editing changes the title only."""

    package = forms.FileField(
        label=_("Pacchetto SCORM (.zip)"),
        help_text=_(
            "Lo ZIP esportato dallo strumento di authoring, con imsmanifest.xml "
            "nella cartella principale (SCORM 1.2 o 2004)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Vuoto: il titolo indicato nel manifest del pacchetto."
        )
        if self.instance.pk is not None:
            del self.fields["package"]
            self.fields["title"].required = True

    def clean_package(self):
        upload = self.cleaned_data["package"]
        self.package_info = services.package_check(upload=upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        info = getattr(self, "package_info", None)
        if info is not None and not cleaned.get("title"):
            # The manifest's title, else the file's name.
            upload = cleaned["package"]
            cleaned["title"] = info.title or upload.name.rsplit(".", 1)[0][:255]
            self.instance.title = cleaned["title"]
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is not None:
            return super().save(commit=commit)
        self.instance = services.package_create(
            title=self.cleaned_data.get("title", ""),
            upload=self.cleaned_data["package"],
            user=self.for_user,
        )
        return self.instance
