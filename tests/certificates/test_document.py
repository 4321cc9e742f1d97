"""The certificate as an auditor reads it: the issuing organisation (a site
setting lead trainers edit in the admin), the certification, the training's
period and hours, and the signatory with their signature."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from certificates.models import CertificateTemplate, OrganisationSettings
from courses.models import ModulePage
from tests.builders import make_certification, pass_course
from tests.pdfs import pdf_text


def _image(title, colour):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(f"{title}.png", colour, (300, 120))
    )


def _organisation(**fields):
    record = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    return record


def _issue(course, learner, capture):
    """Through the course services, which give the certificate the course's
    duration from its modules."""
    with capture(execute=True):
        certificate = pass_course(learner, course)
    certificate.refresh_from_db()
    return certificate


def _images_on_first_page(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages[0].images)


def _italian_day(moment) -> str:
    day = timezone.localtime(moment)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre "
    "ottobre novembre dicembre"
).split()


def _words(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


@pytest.fixture
def audited(course, learner, django_capture_on_commit_callbacks, travel):
    """A certificate of a 90-minute course (three modules of 30) granting a
    certification, issued under a template with a signatory and their
    signature, by an organisation with a logo; on 17 December 2026, a day
    that takes no elided article ("dal 17", "il 17")."""
    travel(date(2026, 12, 17))
    assert ModulePage.objects.child_of(course).update(estimated_minutes=30) == 3
    make_certification(course, name="Standard di servizio clienti")
    _organisation(
        name="Contact Italia S.p.A.",
        logo=_image("logo", "navy"),
        address="Via Roma 1, 20121 Milano",
        registration="P. IVA 01234567890",
    )
    CertificateTemplate.objects.create(
        name="Aziendale",
        is_default=True,
        title="Attestato di formazione",
        body="{holder_name} ha completato il corso {course}.",
        signatory_1_name="Anna Neri",
        signatory_1_title="Responsabile della formazione",
        signatory_1_signature=_image("firma", "black"),
    )
    return _issue(course, learner, django_capture_on_commit_callbacks)


def test_the_certificate_carries_everything_an_audit_asks_for(audited):
    data = audited.pdf.read()
    text = _words(data)
    assert "CONTACT ITALIA S.P.A." in text.upper()
    assert "Via Roma 1, 20121 Milano · P. IVA 01234567890" in text
    assert "Valido per la certificazione «Standard di servizio clienti»" in text
    assert "Ore di formazione: 1 h 30 min" in text
    start = _italian_day(audited.enrollment.enrolled_at)
    end = _italian_day(audited.attempt.submitted_at)
    expected = f"Periodo di formazione: dal {start} al {end}"
    assert expected in text
    assert "Anna Neri" in text and "Responsabile della formazione" in text
    # The logo, the signature and the QR code.
    assert _images_on_first_page(data) == 3
    assert "Attestato di formazione" in text


def test_italian_days_take_their_article_on_the_certificate(
    course, learner, django_capture_on_commit_callbacks, travel
):
    """On the 8th Italian writes "dall'8", "all'8", "l'8": the certificate
    said "dal 8 dicembre 2026 al 8 dicembre 2026" and "Rilasciato il 8"."""
    travel(date(2026, 12, 8))
    make_certification(course, name="Standard di servizio clienti")
    text = _words(
        _issue(course, learner, django_capture_on_commit_callbacks).pdf.read()
    )
    assert "Periodo di formazione: dall'8 dicembre 2026 all'8 dicembre 2026" in text, (
        text
    )
    assert "Esito: Rilasciato l'8 dicembre 2026 · punteggio" in text, text
    assert "valido fino all'8 dicembre 2027" in text, text


def test_the_built_in_design_carries_them_too(
    course, learner, django_capture_on_commit_callbacks
):
    assert ModulePage.objects.child_of(course).update(estimated_minutes=40) == 3
    make_certification(course, name="Privacy e GDPR")
    _organisation(name="Contact Italia S.p.A.", logo=_image("logo", "navy"))
    data = _issue(course, learner, django_capture_on_commit_callbacks).pdf.read()
    text = _words(data)
    assert "CONTACT ITALIA S.P.A." in text.upper()
    assert "Si certifica che" in text and "Certificato di completamento" in text
    assert "«Privacy e GDPR»" in text and "Ore di formazione: 2 h" in text
    assert _images_on_first_page(data) == 2  # the logo and the QR code


def test_without_a_setting_the_configured_name_prints(
    course, learner, settings, django_capture_on_commit_callbacks
):
    settings.LMS_ORGANISATION_NAME = "Servizi Clienti Srl"
    data = _issue(course, learner, django_capture_on_commit_callbacks).pdf.read()
    assert "SERVIZI CLIENTI SRL" in _words(data).upper()
    assert "certificazione" not in _words(data)  # the course grants none


def test_the_badge_names_the_organisation_of_the_setting(db, settings):
    from certificates.badges.issuer import organisation

    settings.LMS_ORGANISATION_NAME = "Dalle impostazioni"
    assert organisation()["name"] == "Dalle impostazioni"
    _organisation(name="Contact Italia S.p.A.")
    assert organisation()["name"] == "Contact Italia S.p.A."


MENU_URL = "/admin/settings/certificates/organisationsettings/"


def _settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse(
        "wagtailsettings:edit", args=["certificates", "organisationsettings", site.pk]
    )


def test_a_lead_trainer_sets_the_organisation_in_the_admin(login, lead):
    client = login(lead)
    menu = client.get("/admin/").content.decode()
    assert MENU_URL in menu
    response = client.post(
        _settings_url(),
        {
            "name": "Contact Italia S.p.A.",
            "address": "Via Roma 1, Milano",
            "registration": "",
        },
    )
    assert response.status_code == 302
    record = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    assert record.name == "Contact Italia S.p.A."
    assert record.address == "Via Roma 1, Milano"


@pytest.mark.parametrize("role", ["hr", "trainer"])
def test_hr_and_trainers_cannot_change_it(request, db, login, role):
    client = login(request.getfixturevalue(role))
    assert MENU_URL not in client.get("/admin/").content.decode()
    response = client.post(_settings_url(), {"name": "Altro nome"})
    assert response.status_code in (302, 403)
    record = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    assert record.name == ""


def test_an_english_holder_reads_it_in_english(
    course, learner, django_capture_on_commit_callbacks
):
    learner.preferred_language = "en"
    learner.save()
    assert ModulePage.objects.child_of(course).update(estimated_minutes=30) == 3
    make_certification(course, name="Customer service standard")
    certificate = _issue(course, learner, django_capture_on_commit_callbacks)
    text = _words(certificate.pdf.read())
    assert "Counts towards the certification «Customer service standard»" in text
    assert "Training hours: 1 h 30 min" in text and "Training period: from" in text
