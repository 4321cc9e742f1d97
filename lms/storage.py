"""Private file storage: files that no URL ever serves (HR's uploaded employee
files). The `private` entry of `STORAGES` says where they go: a folder outside
`MEDIA_ROOT` on the file system, or a prefix of the private bucket."""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no URL.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


def get_private_storage():
    """For `FileField(storage=...)`: the storage is looked up when used, so a
    change of `STORAGES` (in tests) is followed."""
    return private_storage


@receiver(setting_changed, dispatch_uid="lms_private_storage_reset")
def _forget_private_storage(setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty
