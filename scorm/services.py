"""Writes for SCORM packages: an upload checked and extracted to storage."""

import logging
import zipfile

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction

from lms.audit import log

from .models import ScormPackage
from .packages import PackageInfo, inspect_package

logger = logging.getLogger(__name__)


def package_check(*, upload) -> PackageInfo:
    """The package's launch file, version and files, or ValidationError with
    the first problem (`scorm.packages`), within the configured limits."""
    return inspect_package(
        upload,
        max_size=settings.LMS_SCORM_MAX_UPLOAD_SIZE,
        max_unpacked=settings.LMS_SCORM_MAX_UNPACKED_SIZE,
        max_files=settings.LMS_SCORM_MAX_FILES,
    )


def _remove_folder(folder: str) -> None:
    directories, files = default_storage.listdir(folder)
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in directories:
        _remove_folder(f"{folder}/{name}")


@transaction.atomic
def package_create(*, title: str, upload, user) -> ScormPackage:
    """Check the uploaded zip, extract every file under a new folder of the
    media storage and record the package. The files are written before the row:
    a failure half-way removes what was written, and no row points to a
    half-extracted folder."""
    info = package_check(upload=upload)
    package = ScormPackage(
        title=title or info.title,
        version=info.version,
        launch_path=info.launch,
        file_count=len(info.members),
        size=info.size,
        uploaded_by=user,
    )
    package.full_clean()
    upload.seek(0)
    written = False
    try:
        with zipfile.ZipFile(upload) as archive:
            for member in info.members:
                with archive.open(member) as handle:
                    name = f"{package.folder}/{member.filename}"
                    saved = default_storage.save(name, File(handle, name=name))
                    written = True
                    if saved != name:  # the storage renamed it: never expected
                        raise OSError(f"storage renamed {name} to {saved}")
    except BaseException:
        if written:
            try:
                _remove_folder(package.folder)
            except OSError:
                logger.exception("could not remove %s", package.folder)
        raise
    package.save()
    log(
        instance=package,
        action="lms.scorm.upload",
        user=user,
        data={
            "title": package.title,
            "version": package.version,
            "launch": package.launch_path,
            "files": package.file_count,
            "size": package.size,
        },
    )
    return package


def package_files_remove(*, package: ScormPackage) -> None:
    """Remove a deleted package's folder once the deletion is committed (the
    admin's delete view deletes the row; `scorm.receivers` calls this)."""
    folder = package.folder

    def remove():
        try:
            _remove_folder(folder)
        except OSError:
            logger.exception("could not remove %s", folder)

    transaction.on_commit(remove, robust=True)
