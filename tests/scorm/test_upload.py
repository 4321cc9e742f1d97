"""A trainer uploads SCORM packages in the admin: a good one is extracted under
its own folder; a bad one is refused with a message that says what is wrong,
and nothing is stored."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from scorm import packages
from scorm.models import ScormPackage
from tests.scorm.packages import package_upload

ADD_URL = reverse("wagtailsnippets_scorm_scormpackage:add")


def _upload(client, upload, title=""):
    return client.post(ADD_URL, {"title": title, "package": upload})


def _package_errors(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return list(response.context["form"].errors.get("package", []))


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_trainer_uploads_a_package_and_it_is_extracted(
    login, trainer, media_root, version
):
    client = login(trainer)
    response = _upload(client, package_upload(version, title="Il reclamo"))
    assert response.status_code == 302
    package = ScormPackage.objects.get()
    # The manifest's title when the trainer gives none.
    assert package.title == "Il reclamo"
    assert package.version == version
    assert package.launch_path == "index.html"
    assert package.file_count == 2
    assert package.uploaded_by == trainer
    folder = media_root / "scorm" / str(package.key)
    assert (folder / "imsmanifest.xml").is_file()
    assert (folder / "index.html").read_text().startswith("<!doctype html>")
    entry = ModelLogEntry.objects.get(action="lms.scorm.upload")
    assert entry.user == trainer
    assert entry.data["version"] == version
    # The list shows it.
    listing = client.get(reverse("wagtailsnippets_scorm_scormpackage:list"))
    assert "Il reclamo" in listing.content.decode()


def test_launch_file_in_a_subfolder_with_parameters(login, trainer):
    manifest = packages_manifest(launch="contenuto/avvio.html?lingua=it")
    upload = package_upload(
        launch="contenuto/avvio.html?lingua=it", manifest=manifest, title="T"
    )
    response = _upload(login(trainer), upload, title="Sottocartella")
    assert response.status_code == 302
    package = ScormPackage.objects.get()
    assert package.launch_path == "contenuto/avvio.html?lingua=it"
    assert package.launch_url.endswith("/contenuto/avvio.html?lingua=it")


def packages_manifest(launch):
    from tests.scorm.packages import MANIFEST_12

    return MANIFEST_12.format(title="T", launch=launch)


def _message(text, **params):
    return str(text) % params if params else str(text)


@pytest.mark.parametrize(
    ("case", "kwargs", "expected"),
    [
        (
            "parent folder",
            {"files": {"../fuori.html": b"x"}},
            _message(packages.ERROR_UNSAFE_PATH, name="../fuori.html"),
        ),
        (
            "parent folder inside",
            {"files": {"css/../../fuori.css": b"x"}},
            _message(packages.ERROR_UNSAFE_PATH, name="css/../../fuori.css"),
        ),
        (
            "absolute path",
            {"files": {"/etc/cron.d/x": b"x"}},
            _message(packages.ERROR_UNSAFE_PATH, name="/etc/cron.d/x"),
        ),
        (
            "symbolic link",
            {"symlinks": ["link.html"]},
            _message(packages.ERROR_UNSAFE_PATH, name="link.html"),
        ),
        (
            "no manifest",
            {"files": {"imsmanifest.xml": None}},
            _message(packages.ERROR_NO_MANIFEST),
        ),
        (
            "broken manifest",
            {"manifest": "<manifest><oops></manifest>"},
            _message(packages.ERROR_BAD_MANIFEST),
        ),
        (
            "entity expansion",
            {
                "manifest": '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]>'
                "<manifest>&a;</manifest>"
            },
            _message(packages.ERROR_BAD_MANIFEST),
        ),
        (
            "unknown version",
            {"manifest": "<manifest><resources/></manifest>"},
            _message(packages.ERROR_UNKNOWN_VERSION),
        ),
        (
            "launch file missing",
            {"launch": "index.html", "files": {"index.html": None}},
            _message(packages.ERROR_LAUNCH_MISSING, name="index.html"),
        ),
    ],
)
def test_a_bad_package_is_refused_with_a_message(
    login, trainer, media_root, case, kwargs, expected
):
    response = _upload(login(trainer), package_upload(**kwargs), title="Pacchetto")
    assert _package_errors(response) == [expected], case
    assert not ScormPackage.objects.exists()
    assert not (media_root / "scorm").exists()


def test_not_a_zip_is_refused(login, trainer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("corso.zip", b"%PDF-1.4 non uno zip")
    response = _upload(login(trainer), upload, title="Pacchetto")
    assert _package_errors(response) == [str(packages.ERROR_NOT_ZIP)]


def test_size_and_file_count_limits(login, trainer, settings):
    client = login(trainer)
    settings.LMS_SCORM_MAX_FILES = 3
    upload = package_upload(files={"a.css": b"a", "b.css": b"b"})
    assert _package_errors(_upload(client, upload, title="P")) == [
        _message(packages.ERROR_TOO_MANY_FILES, count=4, limit=3)
    ]
    settings.LMS_SCORM_MAX_FILES = 5000
    settings.LMS_SCORM_MAX_UNPACKED_SIZE = 10_000
    upload = package_upload(files={"video.mp4": b"0" * 20_000})
    assert _package_errors(_upload(client, upload, title="P")) == [
        _message(packages.ERROR_TOO_LARGE_UNPACKED, limit="9,8\xa0KB")
    ]
    settings.LMS_SCORM_MAX_UPLOAD_SIZE = 100
    assert _package_errors(_upload(client, package_upload(), title="P")) == [
        _message(packages.ERROR_TOO_LARGE, limit="100\xa0bytes")
    ]
    assert not ScormPackage.objects.exists()


def test_a_learner_cannot_upload(login, learner):
    response = login(learner).get(ADD_URL)
    assert response.status_code == 403
    assert not ScormPackage.objects.exists()


def test_deleting_a_package_removes_its_files(
    login, trainer, media_root, django_capture_on_commit_callbacks
):
    client = login(trainer)
    _upload(client, package_upload(), title="Da togliere")
    package = ScormPackage.objects.get()
    folder = media_root / "scorm" / str(package.key)
    assert (folder / "index.html").is_file()
    url = reverse("wagtailsnippets_scorm_scormpackage:delete", args=[package.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not ScormPackage.objects.exists()
    assert not (folder / "index.html").exists()


def test_the_module_editor_offers_the_scorm_block(login, trainer, course):
    module = course.get_children().first()
    response = login(trainer).get(f"/admin/pages/{module.pk}/edit/")
    assert response.status_code == 200
    assert "Pacchetto SCORM" in response.content.decode()
