"""HR's certificate pages: list, filters, ZIP, CSV, revoke/reinstate/reissue."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from certificates.models import Certificate
from certificates.services import certificate_issue
from people.models import Department
from tests.builders import make_course, make_passed_enrollment, make_user, translate


def _issue(course, email, **user_fields):
    enrollment, attempt = make_passed_enrollment(
        make_user(email, **user_fields), course
    )
    return certificate_issue(enrollment=enrollment, attempt=attempt)


@pytest.fixture
def sales(db):
    return Department.objects.create(name="Vendite", code="vendite")


def test_pages_need_the_permission(client, login, learner, trainer, course):
    for user in (learner, trainer):
        login(user)
        for url in ("/hr/certificati/", "/hr/certificati/zip/", "/hr/certificati/csv/"):
            assert client.get(url).status_code == 403
    client.logout()
    assert client.get("/hr/certificati/").status_code == 302


@pytest.mark.parametrize("rows", [1, 6])
def test_list_filters_and_pins_its_queries(
    rows, client, login, hr, course, catalogue, sales, django_assert_max_num_queries
):
    other = make_course(catalogue, title="Altro corso", modules=1)
    for n in range(rows):
        _issue(course, f"a{n}@test.it", department=sales)
    _issue(other, "b@test.it")
    login(hr)
    with django_assert_max_num_queries(12):
        page = client.get("/hr/certificati/", {"department": sales.pk}).content
    page = page.decode()
    assert page.count("<td>Fondamenti del servizio</td>") == rows
    assert "Altro corso</td>" not in page
    assert (
        client.get("/hr/certificati/", {"course": other.pk})
        .content.decode()
        .count("SC-")
        == 1
    )


def test_bad_filters_get_a_message_not_an_error(client, login, hr, db):
    login(hr)
    response = client.get(
        "/hr/certificati/", {"issued_from": "2026-05-01", "issued_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "La data iniziale è successiva a quella finale." in response.content.decode()
    response = client.get("/hr/certificati/", {"status": "nonsense", "course": "x"})
    assert response.status_code == 200


def test_zip_streams_the_filtered_pdfs(client, login, hr, course, sales):
    certificates = [_issue(course, f"z{n}@test.it", department=sales) for n in range(3)]
    _issue(course, "altro-reparto@test.it")
    login(hr)
    response = client.get("/hr/certificati/zip/", {"department": sales.pk})
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == sorted(f"{c.serial}.pdf" for c in certificates)
    for certificate in certificates:
        certificate.refresh_from_db()
        data = archive.read(f"{certificate.serial}.pdf")
        assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256
        downloads = [
            e.user
            for e in log_registry.get_logs_for_instance(certificate)
            if e.action == "lms.certificate.download"
        ]
        assert downloads == [hr]


def test_csv_is_streamed_and_formula_safe(client, login, hr, course):
    _issue(course, "f@test.it", first_name="=HYPERLINK(1)", last_name="Rossi")
    login(hr)
    response = client.get("/hr/certificati/csv/")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[0] == "Numero di serie"
    assert row[3] == "'=HYPERLINK(1) Rossi"
    assert row[12] == "Valido"
    assert row[10].startswith(timezone.localdate().strftime("%d/%m/%Y "))
    # The comma, on request.
    response = client.get("/hr/certificati/csv/", {"sep": "comma"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][12] == "Valido"


def test_csv_speaks_the_language_of_the_person_exporting(client, login, hr, course):
    _issue(course, "f@test.it")
    hr.preferred_language = "en"
    hr.save()
    login(hr)
    response = client.get("/hr/certificati/csv/")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[0] == "Serial number" and row[12] == "Valid"


def test_the_zip_is_offered_only_when_the_list_has_certificates(
    client, login, hr, course
):
    _issue(course, "a@test.it")
    login(hr)
    page = client.get("/hr/certificati/").content.decode()
    assert "Scarica i PDF (ZIP)" in page and "/hr/certificati/zip/" in page
    page = client.get("/hr/certificati/", {"status": "revoked"}).content.decode()
    assert "0 certificati" in page
    assert "Scarica i PDF (ZIP)" not in page and "/hr/certificati/zip/" not in page


def test_a_filter_that_does_not_hold_selects_nothing_and_exports_nothing(
    client, login, hr, course, sales
):
    _issue(course, "a@test.it")
    login(hr)
    reversed_dates = {
        "department": sales.pk,
        "issued_from": "2030-01-02",
        "issued_to": "2030-01-01",
    }
    for bad in (reversed_dates, {"course": 999999}, {"issued_to": "31/02/2026"}):
        page = client.get("/hr/certificati/", bad)
        assert page.status_code == 200
        assert not page.context["page"].object_list
        for export in ("/hr/certificati/csv/", "/hr/certificati/zip/"):
            response = client.get(export, bad)
            assert response.status_code == 400, (export, bad)
            assert response.content.decode().startswith("Filtri non validi:")


def test_hr_revokes_reinstates_and_reissues_through_the_pages(
    client, login, hr, course, learner
):
    enrollment, attempt = make_passed_enrollment(learner, course)
    certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    login(hr)
    base = f"/hr/certificati/{certificate.pk}/"
    response = client.post(base + "revoca/", {"public_reason": ""})
    assert response.status_code == 400
    response = client.post(
        base + "revoca/",
        {"public_reason": "Errore di rilascio", "internal_reason": "Ticket 42"},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    page = client.get(base).content.decode()
    assert "Ticket 42" in page and "Errore di rilascio" in page

    client.post(base + "ripristina/", {"reinstate-reason": "Chiarito"})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID

    learner.first_name = "Giuliana"
    learner.save()
    response = client.post(base + "riemetti/", {"reissue-reason": "Nome corretto"})
    new = Certificate.objects.get(status=Certificate.Status.VALID)
    assert response["Location"] == f"/hr/certificati/{new.pk}/"
    assert new.holder_name == "Giuliana Bianchi"
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUPERSEDED


def test_a_revoked_certificate_does_not_come_back_with_a_new_module(
    client, login, hr, course, learner
):
    """HR revoked it (the quiz was not the learner's own work). A module added
    later and completed must not reissue it from the same attempt: the
    learner takes the quiz again."""
    from tests.builders import make_module, pass_course

    certificate = pass_course(learner, course)
    login(hr)
    client.post(
        f"/hr/certificati/{certificate.pk}/revoca/",
        {"public_reason": "Quiz non svolto dal titolare"},
    )
    module = make_module(course, title="Nuovo modulo")
    login(learner)
    response = client.post(f"/moduli/{module.pk}/completa/")
    assert response.status_code == 302
    assert list(learner.certificates.values_list("status", flat=True)) == ["revoked"]
    page = client.get(course.url).content.decode()
    assert f'href="/quiz/{course.pk}/"' in page


def test_only_hr_may_revoke(client, login, trainer, course, learner):
    enrollment, attempt = make_passed_enrollment(learner, course)
    certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    login(trainer)
    response = client.post(
        f"/hr/certificati/{certificate.pk}/revoca/", {"public_reason": "No"}
    )
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_the_menu_marks_the_page_a_person_is_on(client, login, hr, db):
    """HR's certificates list belongs to HR's work, not to the public check:
    the menu's "Verifica certificato" is marked only on the verification pages."""
    current = 'aria-current="page">Verifica certificato'
    login(hr)
    assert current not in client.get("/hr/certificati/").content.decode()
    assert current in client.get("/verifica/").content.decode()


def test_the_course_filter_lists_each_course_once(login, hr, course):
    # Certificates name the original course: its English translation is not a
    # course of its own with no certificates.
    translate(course, title="Customer service basics")
    page = login(hr).get("/hr/certificati/").content.decode()
    assert f">{course.title}</option>" in page
    assert "Customer service basics" not in page
