"""The new hire's journey in a real browser: assigned on hiring, from login to a
verified certificate, with axe-core on every page and a phone-sized check."""

import datetime
from pathlib import Path

from django.utils import timezone

from courses.models import AssignmentRule, Enrollment
from courses.selectors import course_modules
from people import roles
from people.models import Department
from quizzes.models import Attempt
from tests.browser.a11y import assert_accessible, assert_accessible_and_fits_a_phone
from tests.builders import (
    PASSWORD,
    make_course,
    make_site,
    make_user,
    right_response,
)
from tests.pdfs import pdf_qr_codes, pdf_text, pdf_with_one_byte_changed


def _answer(page, course, right: bool):
    """Answer the open attempt through its page, with the markup's own names."""
    attempt = Attempt.objects.get(course=course, state__in=Attempt.OPEN_STATES)
    for answer in attempt.answers.all():
        for name, value in right_response(answer, right=right).items():
            if isinstance(value, list):
                for key in value:
                    page.check(f"input[name='{name}'][value='{key}']")
            elif "-" in name:
                page.select_option(f"select[name='{name}']", value)
            else:
                page.fill(f"input[name='{name}']", value)
    page.get_by_role("button", name="Consegna il quiz").click()


def test_new_hire_completes_the_course_and_verifies_the_certificate(
    page, browser, live_server, tmp_path: Path
):
    catalogue = make_site()
    course = make_course(
        catalogue,
        title="Fondamenti del servizio clienti",
        modules=2,
        modules_in_order=True,
    )
    # What a certification quiz should do: no right answers before a pass.
    course.quiz.review_when = "after_passing"
    course.quiz.save()
    contact_center = Department.objects.create(
        name="Contact center", code="contact-center"
    )
    AssignmentRule.objects.create(
        course=course, department=contact_center, hired_within_days=30, due_days=14
    )
    hired = timezone.localdate() - datetime.timedelta(days=2)
    # Creating the person assigns the course (the rule runs once it is committed).
    make_user(
        "agente@test.it",
        role=roles.LEARNER,
        department=contact_center,
        hire_date=hired,
    )
    enrollment = Enrollment.objects.get(course=course)
    assert enrollment.due_date == hired + datetime.timedelta(days=14)

    # Italian by default, even for an English browser.
    page.goto("/account/login/")
    assert page.locator("html").get_attribute("lang") == "it"
    page.get_by_label("Indirizzo e-mail").fill("agente@test.it")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.get_by_role("heading", name="La mia formazione").wait_for()
    card = page.locator(".course-card")
    assert "Da completare entro il" in card.inner_text()
    assert "Non iniziato" in card.inner_text()
    assert_accessible_and_fits_a_phone(page, where="learner home")

    # The card's own button, clicked with the mouse, opens the first module
    # (not the course page under the card's stretched title link).
    card.get_by_role("link", name="Inizia").click()
    page.get_by_role("button", name="Segna come completato").wait_for()
    assert page.url.endswith(course_modules(course=course)[0].url)
    assert "Modulo 1 di 2" in page.content()
    assert_accessible_and_fits_a_phone(page, where="module page")
    page.get_by_role("button", name="Segna come completato").click()
    # It says what happened and where the learner now is.
    page.get_by_text("completato. Prosegui con «Modulo 2").wait_for()
    assert "Modulo 2 di 2" in page.content()
    page.get_by_role("button", name="Segna come completato").click()
    page.get_by_text(
        "Hai completato tutti i moduli: il quiz finale è aperto"
    ).wait_for()
    assert_accessible_and_fits_a_phone(page, where="course page")

    # Fail once, then pass.
    page.get_by_role("link", name="Inizia il quiz").click()
    # The quiz page states its rules; the attempt starts with the button.
    page.get_by_text("Per superarlo serve almeno").wait_for()
    page.get_by_role("button", name="Inizia il quiz").click()
    page.get_by_role("button", name="Consegna il quiz").wait_for()
    assert_accessible(page, where="quiz")
    # Answers are saved as the learner goes: a reload keeps the choice.
    first = page.locator("fieldset.question input[type='radio']").first
    first.check()
    page.get_by_text("Risposte salvate.").wait_for()
    page.reload()
    assert page.locator("fieldset.question input[type='radio']").first.is_checked()
    _answer(page, course, right=False)
    page.get_by_role("heading", name="Quiz non superato").wait_for()
    # A failed attempt that can be retried shows no right answers.
    assert "risposta giusta" not in page.content()
    assert "disponibile dopo aver superato il quiz" in page.content()
    assert_accessible(page, where="failed result")
    page.get_by_role("link", name="Riprova il quiz").click()
    page.get_by_role("button", name="Inizia il quiz").click()
    _answer(page, course, right=True)
    page.get_by_role("heading", name="Quiz superato").wait_for()
    assert_accessible(page, where="passed result")

    # Home, then the card's own download button, clicked with the mouse.
    page.get_by_role("link", name="La mia formazione").first.click()
    card = page.locator(".course-card")
    card.get_by_text("Certificato", exact=True).wait_for()
    assert "Da completare entro" not in card.inner_text()
    assert "3 di 3 passi" in card.inner_text()
    with page.expect_download() as download:
        card.get_by_role("link", name="Scarica il certificato").click()
    pdf = tmp_path / "certificato.pdf"
    download.value.save_as(pdf)
    data = pdf.read_bytes()
    assert "Giulia Bianchi" in pdf_text(data)
    [verify_url] = pdf_qr_codes(data)
    assert verify_url.startswith(f"{live_server.url}/verifica/")

    # The learner home lists the certificate, with its download link.
    page.get_by_role("heading", name="I miei certificati").wait_for()
    assert page.get_by_role("link", name="Scarica PDF").count() == 1
    assert "Certificato" in page.locator(".course-card").inner_text()
    assert_accessible_and_fits_a_phone(page, where="learner home with certificates")

    # Anyone who scans the QR code, signed in or not, sees it is valid.
    stranger = browser.new_page()
    stranger.goto(verify_url)
    assert "Certificato valido" in stranger.locator(".verify__status").inner_text()
    assert "Giulia Bianchi" in stranger.content()
    stranger.close()

    # Anyone can upload the downloaded file: genuine. One byte changed: caught.
    checker = browser.new_page()
    checker.goto(f"{live_server.url}/verify/")
    checker.get_by_label("File PDF del certificato").set_input_files(str(pdf))
    checker.get_by_role("button", name="Verifica il file").click()
    result = checker.get_by_role("status").filter(has_text="Esito")
    assert "Documento autentico e non alterato." in result.inner_text()
    tampered = tmp_path / "alterato.pdf"
    tampered.write_bytes(pdf_with_one_byte_changed(data))
    checker.get_by_label("File PDF del certificato").set_input_files(str(tampered))
    checker.get_by_role("button", name="Verifica il file").click()
    assert (
        "Documento non autentico o alterato"
        in checker.get_by_role("status").filter(has_text="Esito").inner_text()
    )
    checker.close()
