"""How SCORM packages react to model signals: a deleted package's files go with
it, whichever way the row is deleted (the admin's delete view, a cascade)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .services import package_files_remove


@receiver(
    post_delete, sender="scorm.ScormPackage", dispatch_uid="scorm_package_files_remove"
)
def package_deleted(sender, instance, **kwargs):
    """`post_delete` of a package: its extracted folder is removed once the
    deletion is committed."""
    package_files_remove(package=instance)
