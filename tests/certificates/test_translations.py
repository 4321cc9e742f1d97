"""The certificate in the holder's language: the course's English title and
the template's English version for an English learner, the Italian for an
Italian one, from the same course record; the e-mail in English too."""

import pytest
from django.core import mail
from wagtail.models import Locale

from certificates.models import CertificateTemplate
from people import roles
from tests.builders import certify_through_pages, make_user
from tests.builders import translate as translate_page
from tests.pdfs import pdf_text


@pytest.fixture
def template(course):
    template = CertificateTemplate.objects.create(
        name="Attestato",
        title="Attestato di partecipazione",
        body="{holder_name} ha completato il corso {course} il {issue_date}.",
        footer="Codice {verification_code}",
    )
    course.certificate_template = template
    course.save_revision().publish()
    return template


def translate_template(template, **fields):
    english = template.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    english.save()
    return english


def test_a_translated_template_waits_for_review(template):
    english = translate_template(template, title="Certificate of attendance")
    assert english.locale.language_code == "en"
    assert english.translation_key == template.translation_key
    assert not english.live


def test_the_english_learner_gets_an_english_certificate(
    login, course, template, django_capture_on_commit_callbacks
):
    translate_page(course, title="Customer service basics")
    english = translate_template(
        template,
        title="Certificate of attendance",
        body="{holder_name} completed the course {course} on {issue_date}.",
        footer="Code {verification_code}",
    )
    english.save_revision().publish()
    learner = make_user(
        "jane@test.it",
        role=roles.LEARNER,
        first_name="Jane",
        last_name="Doe",
        preferred_language="en",
    )
    client = login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    certificate.refresh_from_db()
    # The record is the original course's, its title the holder's language.
    assert certificate.course_id == course.pk
    assert certificate.course_title == "Customer service basics"
    text = " ".join(pdf_text(certificate.pdf.read()).split())
    assert "Certificate of attendance" in text
    assert "Jane Doe completed the course Customer service basics on" in text
    assert f"Code {certificate.display_code}" in text
    assert "Attestato" not in text
    message = mail.outbox[-1]
    assert message.to == ["jane@test.it"]
    assert "Customer service basics" in message.body
    assert "certificate" in (message.subject + message.body).lower()


def test_the_italian_learner_still_gets_the_italian_certificate(
    login, course, learner, template, django_capture_on_commit_callbacks
):
    translate_page(course, title="Customer service basics")
    translate_template(
        template, title="Certificate of attendance"
    ).save_revision().publish()
    client = login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    certificate.refresh_from_db()
    text = " ".join(pdf_text(certificate.pdf.read()).split())
    assert "Attestato di partecipazione" in text
    assert "Fondamenti del servizio" in text


def test_an_english_holders_certificate_attests_the_course_not_a_module(
    login, course, django_capture_on_commit_callbacks
):
    """The course's English title is on the certificate; the attested version
    names the same course (it read "module «<Italian title>»", as if a policy
    review had made a module the attested text)."""
    course.save_revision().publish()
    translate_page(course, title="Customer service basics")
    learner = make_user(
        "jane@test.it", role=roles.LEARNER, first_name="Jane", preferred_language="en"
    )
    client = login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    page = client.get(f"/certificati/{certificate.pk}/").content.decode()
    assert "Attested course version" in page
    assert "“Customer service basics”, text published on" in page
    assert "module “" not in page
