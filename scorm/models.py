import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .packages import SCORM_12, SCORM_2004

STORAGE_PREFIX = "scorm"


class ScormPackage(index.Indexed, models.Model):
    """A SCORM package a trainer uploaded, extracted under its own folder of the
    media storage (`scorm/<key>/`). Its files are served only through
    `scorm.views.serve_file`, to the people who may read a module that uses it.

    The files never change after upload: a new version of a course is a new
    package, so a learner's stored progress always belongs to the content it
    was made with."""

    class Version(models.TextChoices):
        SCORM_12 = SCORM_12, "SCORM 1.2"
        SCORM_2004 = SCORM_2004, "SCORM 2004"

    title = models.CharField(_("titolo"), max_length=255)
    key = models.UUIDField(
        _("cartella"), default=uuid.uuid4, unique=True, editable=False
    )
    version = models.CharField(
        _("versione SCORM"), max_length=8, choices=Version.choices, editable=False
    )
    launch_path = models.CharField(_("file di avvio"), max_length=500, editable=False)
    file_count = models.PositiveIntegerField(_("numero di file"), editable=False)
    size = models.PositiveBigIntegerField(_("dimensione (byte)"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caricato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("caricato il"), auto_now_add=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("pacchetto SCORM")
        verbose_name_plural = _("pacchetti SCORM")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title

    @property
    def folder(self) -> str:
        return f"{STORAGE_PREFIX}/{self.key}"

    @property
    def launch_url(self) -> str:
        path, sep, query = self.launch_path.partition("?")
        url = reverse("scorm:file", kwargs={"key": self.key, "name": path})
        return f"{url}{sep}{query}"
