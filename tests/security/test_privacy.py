"""Personal data: HR exports everything about a person, and anonymises a leaver
after the retention period."""

import io
import json
import zipfile
from datetime import timedelta

from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from certificates.models import Certificate
from tests.builders import certify_through_pages


def _certified(client, learner, course, capture):
    client.force_login(learner)
    with capture(execute=True):
        return certify_through_pages(client, course)


def test_hr_exports_everything_about_a_person(
    client, learner, hr, course, django_capture_on_commit_callbacks
):
    certificate = _certified(
        client, learner, course, django_capture_on_commit_callbacks
    )
    client.force_login(hr)
    response = client.get(f"/hr/persone/{learner.pk}/dati-personali/esporta/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["person"][0]["fields"]["email"] == learner.email
    assert "password" not in data["person"][0]["fields"]
    assert len(data["enrollments"]) == 1
    assert len(data["module_completions"]) == 3
    assert len(data["attempts"]) == 1
    assert len(data["answers"]) == 5
    assert data["certificates"][0]["fields"]["verification_code"] == (
        certificate.verification_code
    )
    assert archive.read(f"certificates/{certificate.verification_code}.pdf")[:4] == (
        b"%PDF"
    )
    entries = [
        e.action
        for e in log_registry.get_logs_for_instance(learner)
        if e.action == "lms.person.export"
    ]
    assert entries == ["lms.person.export"]


def test_a_learner_cannot_export_anyones_data(client, learner):
    client.force_login(learner)
    url = f"/hr/persone/{learner.pk}/dati-personali/esporta/"
    assert client.get(url).status_code == 403


def test_anonymise_a_leaver_after_retention_keeps_the_certificate_verifiable(
    client, learner, hr, course, settings, django_capture_on_commit_callbacks
):
    certificate = _certified(
        client, learner, course, django_capture_on_commit_callbacks
    )
    page = f"/hr/persone/{learner.pk}/dati-personali/"
    url = page + "anonimizza/"
    client.force_login(hr)

    # Still employed: refused, nothing changes.
    response = client.post(url, follow=True)
    assert "non più attive" in response.content.decode()
    learner.is_active = False
    learner.last_login = timezone.now() - timedelta(days=10)
    learner.save()
    response = client.post(url, follow=True)
    assert "periodo di conservazione" in response.content.decode()
    learner.refresh_from_db()
    assert learner.email == "agente@test.it"

    settings.LMS_LEAVER_RETENTION_DAYS = 5
    response = client.post(url)
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.email == f"anonimo-{learner.pk}@anonimo.invalid"
    assert "Giulia" not in learner.full_name
    assert not learner.has_usable_password()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    verify = client.get(f"/verifica/{certificate.verification_code}/")
    assert verify.status_code == 200
    assert [
        e.action
        for e in log_registry.get_logs_for_instance(learner)
        if e.action == "lms.person.anonymise"
    ] == ["lms.person.anonymise"]


def test_without_a_legal_duty_the_certificate_name_and_pdf_go(
    client, learner, hr, course, settings, django_capture_on_commit_callbacks
):
    settings.LMS_KEEP_CERTIFICATE_RECORDS = False
    settings.LMS_LEAVER_RETENTION_DAYS = 0
    certificate = _certified(
        client, learner, course, django_capture_on_commit_callbacks
    )
    learner.is_active = False
    learner.save()
    client.force_login(hr)
    client.post(f"/hr/persone/{learner.pk}/dati-personali/anonimizza/")
    certificate.refresh_from_db()
    assert "Giulia" not in certificate.holder_name
    assert not certificate.pdf.name
