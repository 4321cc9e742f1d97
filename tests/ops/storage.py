import errno

from django.core.files.storage import FileSystemStorage


class FullDiskStorage(FileSystemStorage):
    """The file system when the disk is full: every write fails with ENOSPC,
    exactly as os.write does (a tmpfs cannot be mounted in this sandbox)."""

    def _save(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device", name)
