"""Certificate templates: placeholders only, the course's choice, the preview."""

import pytest
from django.core.exceptions import ValidationError

from certificates.models import CertificateTemplate
from certificates.placeholders import fill, validate_placeholders
from certificates.services import certificate_issue
from tests.builders import make_passed_enrollment
from tests.pdfs import pdf_page_size_points, pdf_text


@pytest.mark.parametrize(
    "text",
    ["Ciao {name}", "{{ settings.SECRET_KEY }}", "{holder_name.__class__}", "a { b"],
)
def test_anything_but_known_placeholders_is_refused(text):
    with pytest.raises(ValidationError):
        validate_placeholders(text)


def test_unknown_placeholder_error_names_it(db):
    template = CertificateTemplate(name="X", body="Bravo {nome}!")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    message = " ".join(error.value.message_dict["body"])
    assert "{nome}" in message and "{holder_name}" in message


def test_values_are_put_in_as_text_and_nothing_runs():
    text = fill("{holder_name}\n{% now %} {x}", {"holder_name": "<b>Eva</b>"})
    assert text == "<b>Eva</b>\n{% now %} {x}"


def test_course_template_shapes_the_pdf(
    course, learner, django_capture_on_commit_callbacks
):
    template = CertificateTemplate.objects.create(
        name="Verticale",
        orientation="portrait",
        accent_colour="#aa3300",
        title="Attestato",
        body="{holder_name} ha seguito {course} per {hours} ore (serie {serial}).",
        signatory_1_name="Anna Neri",
        signatory_1_title="Responsabile formazione",
        footer="Codice {verification_code}",
    )
    course.certificate_template = template
    course.save()
    enrollment, attempt = make_passed_enrollment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    data = certificate.pdf.read()
    text = pdf_text(data)
    assert "Attestato" in text and "Anna Neri" in text
    assert f"serie {certificate.serial}" in text
    assert f"Codice {certificate.display_code}" in text
    width, height = pdf_page_size_points(data)
    assert width < height


def test_the_score_placeholder_and_the_score_line_agree(
    course, learner, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    CertificateTemplate.objects.create(
        name="Con punteggio",
        is_default=True,
        title="Attestato",
        body="{holder_name} ha ottenuto {score} punti.",
    )
    enrollment, attempt = make_passed_enrollment(learner, course)
    attempt.score = Decimal("92.50")
    attempt.save(update_fields=["score"])
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    text = " ".join(pdf_text(certificate.pdf.read()).split())
    assert "ha ottenuto 93 punti" in text
    assert "punteggio del quiz finale: 93%" in text


def test_site_default_applies_to_courses_without_one(
    course, learner, django_capture_on_commit_callbacks
):
    CertificateTemplate.objects.create(
        name="Predefinito", is_default=True, title="Diploma", body="{holder_name}"
    )
    enrollment, attempt = make_passed_enrollment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    assert "Diploma" in pdf_text(certificate.pdf.read())


def test_admin_preview_is_a_pdf_with_sample_data(client, trainer, db):
    client.force_login(trainer)  # Trainers edit templates (migration 0006).
    url = "/admin/snippets/certificates/certificatetemplate/preview/"
    form = {
        "name": "Prova",
        "orientation": "landscape",
        "accent_colour": "#0d5c63",
        "title": "Anteprima {course}",
        "body": "{holder_name}",
        "footer": "",
    }
    assert client.post(url, form).json()["is_valid"] is True
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Anteprima Fondamenti del servizio clienti" in text
    assert "SC-" in text

    bad = client.post(url, {**form, "body": "{segreto}"}).json()
    assert bad["is_valid"] is False


def test_template_text_prints_as_written_with_its_line_breaks(
    course, learner, django_capture_on_commit_callbacks
):
    learner.first_name, learner.last_name = "Maria", "D'Angelo"
    learner.save()
    CertificateTemplate.objects.create(
        name="Con a capo",
        is_default=True,
        title="Attestato <Qualità> & servizio",
        body=(
            "Si certifica che {holder_name}\r\nha seguito il corso & superato il quiz."
        ),
        footer='Ufficio "Formazione" & Qualità',
    )
    enrollment, attempt = make_passed_enrollment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment=enrollment, attempt=attempt)
    certificate.refresh_from_db()
    lines = [line.strip() for line in pdf_text(certificate.pdf.read()).splitlines()]
    assert "Attestato <Qualità> & servizio" in lines
    assert "Si certifica che Maria D'Angelo" in lines
    assert "ha seguito il corso & superato il quiz." in lines
    assert 'Ufficio "Formazione" & Qualità' in lines
    assert not any(
        "&amp;" in line or "&#x27;" in line or "<br>" in line for line in lines
    )
