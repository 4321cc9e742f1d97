"""One certificate column set: the API's certificate resource and HR's two
certificate exports (the certificates list and the compliance dashboard) take
their columns from `certificates.columns` and give a certificate the same
values, in their own formats."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from api.api import CertificateOut
from certificates.columns import COLUMNS
from certificates.models import Certificate
from certificates.services import certificate_issue
from people.models import Department
from tests.api.test_api import token  # noqa: F401
from tests.builders import make_passed_enrollment, make_user
from tests.people.test_exports import read_csv

EXPORTS = ("/hr/certificati/{}/", "/hr/certificati/esporta.{}")


@pytest.fixture
def certificate(db, course):
    care = Department.objects.create(name="Assistenza", code="assistenza")
    person = make_user("anna@test.it", employee_id="A1", department=care)
    enrollment, attempt = make_passed_enrollment(person, course)
    issued = certificate_issue(enrollment=enrollment, attempt=attempt)
    expires = timezone.localdate() + datetime.timedelta(days=300)
    Certificate.objects.filter(pk=issued.pk).update(expires_at=expires)
    return Certificate.objects.get(pk=issued.pk)


def _in_export(name, value):
    """An API value as the XLSX shows it: dates as dates (local time), the
    status and yes/no in words."""
    if value is None:
        return None
    if name == "issued_at":
        moment = datetime.datetime.fromisoformat(value)
        return timezone.localtime(moment).replace(tzinfo=None)
    if name == "expires_at":
        return datetime.datetime.fromisoformat(value)
    if name == "status":
        return Certificate.Status(value).label
    if name == "valid":
        return "Sì" if value else "No"
    return value


def test_the_api_and_the_exports_share_one_definition(client, login, hr, token):  # noqa: F811
    names = [column.name for column in COLUMNS]
    headers = [str(column.header) for column in COLUMNS]
    assert list(CertificateOut.model_fields) == names
    client = login(hr)
    for export in EXPORTS:
        assert read_csv(client.get(export.format("csv")))[0] == headers, export
        sheet = load_workbook(
            io.BytesIO(b"".join(client.get(export.format("xlsx")).streaming_content))
        ).active
        assert [cell.value for cell in sheet[1]] == headers, export
    schema = client.get(
        "/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()["components"]["schemas"]["CertificateOut"]
    assert list(schema["properties"]) == names


def test_a_certificate_reads_the_same_in_the_api_and_in_the_exports(
    client,
    login,
    hr,
    token,  # noqa: F811
    certificate,
):
    client = login(hr)
    item = client.get(
        "/api/v1/certificates", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()["items"][0]
    assert list(item) == [column.name for column in COLUMNS]
    assert item["department"] == "Assistenza" and item["status"] == "valid"
    expected = [_in_export(name, value) for name, value in item.items()]
    for export in EXPORTS:
        response = client.get(export.format("xlsx"))
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        row = [cell.value for cell in sheet[2]]
        # Excel keeps times to the millisecond; the API to the microsecond.
        issued = [c.name for c in COLUMNS].index("issued_at")
        assert abs(row[issued] - expected[issued]) < datetime.timedelta(seconds=1)
        row[issued] = expected[issued]
        assert row == expected, export
        # The CSV too, in Italian: the code, the holder, the status in words.
        line = read_csv(client.get(export.format("csv")))[1]
        assert line[1] == certificate.verification_code
        assert line[3] == certificate.holder_name
        assert line[12] == "Valido" and line[13] == "Sì"
