"""Faults: a full disk while storing a certificate PDF; the database going away
in the middle of a quiz submission (on a private PostgreSQL instance)."""

import pytest
from django.test import Client

from certificates.models import Certificate
from tests.builders import certify_through_pages

FULL_DISK = "tests.ops.storage.FullDiskStorage"
RETRY_MESSAGE = "non è stato registrato nulla"


@pytest.fixture
def full_disk(settings):
    normal = settings.STORAGES
    settings.STORAGES = {**normal, "default": {"BACKEND": FULL_DISK}}
    yield
    settings.STORAGES = normal


def test_a_full_disk_gives_a_clear_error_and_a_consistent_record(
    settings, learner, course, media_root, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(learner)
    normal = settings.STORAGES
    settings.STORAGES = {**normal, "default": {"BACKEND": FULL_DISK}}
    # The render task fails on the full disk; the pass and the certificate stay.
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert not certificate.pdf.name and not certificate.pdf_sha256

    response = client.get(f"/certificati/{certificate.pk}/pdf/")
    assert response.status_code in (202, 503)
    if response.status_code == 503:
        assert RETRY_MESSAGE in response.content.decode()
    assert not list(media_root.rglob("*.pdf")) if media_root.exists() else True

    # Space again: the same record renders and downloads.
    settings.STORAGES = normal
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    from certificates.tasks import render_certificate

    render_certificate.enqueue(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf_sha256
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 200
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 1
