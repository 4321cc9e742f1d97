"""The new hire's journey in a real browser, from login to a verified certificate."""

from pathlib import Path

from people import roles
from quizzes.models import QuestionOption
from tests.builders import PASSWORD, make_course, make_site, make_user
from tests.pdfs import pdf_qr_codes, pdf_text


def _answer(page, quiz, right: bool):
    for item in quiz.items.all():
        question = item.question
        for option in QuestionOption.objects.filter(
            question=question, is_correct=right
        ):
            page.check(f"input[name='question_{question.pk}'][value='{option.pk}']")
            if question.kind == "single":
                break
    page.get_by_role("button", name="Consegna il quiz").click()


def test_new_hire_completes_the_course_and_verifies_the_certificate(
    page, browser, live_server, tmp_path: Path
):
    catalogue = make_site()
    course = make_course(catalogue, title="Fondamenti del servizio clienti", modules=2)
    make_user("agente@test.it", role=roles.LEARNER)

    # Italian by default, even for an English browser.
    page.goto("/account/login/")
    assert page.locator("html").get_attribute("lang") == "it"
    page.get_by_label("Indirizzo e-mail").fill("agente@test.it")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.get_by_role("heading", name="La mia formazione").wait_for()

    page.get_by_role("link", name="Catalogo", exact=True).click()
    page.get_by_role("link", name="Fondamenti del servizio clienti", exact=True).click()
    page.get_by_role("button", name="Iscriviti al corso").click()
    page.get_by_role("link", name="Inizia il primo modulo").click()
    for _ in range(2):
        page.get_by_role("button", name="Segna come completato").click()
    page.get_by_text("Hai completato tutti i moduli").wait_for()

    # Fail once, then pass.
    page.get_by_role("link", name="Inizia il quiz").click()
    _answer(page, course.quiz, right=False)
    page.get_by_role("heading", name="Quiz non superato").wait_for()
    page.get_by_role("link", name="Riprova il quiz").click()
    _answer(page, course.quiz, right=True)
    page.get_by_role("heading", name="Quiz superato").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica il certificato (PDF)").click()
    pdf = tmp_path / "certificato.pdf"
    download.value.save_as(pdf)
    data = pdf.read_bytes()
    assert "Giulia Bianchi" in pdf_text(data)
    [verify_url] = pdf_qr_codes(data)
    assert verify_url.startswith(f"{live_server.url}/verifica/")

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
    altered = bytearray(data)
    position = altered.index(b"/Title") + 10
    altered[position] = (altered[position] + 1) % 256
    tampered.write_bytes(bytes(altered))
    checker.get_by_label("File PDF del certificato").set_input_files(str(tampered))
    checker.get_by_role("button", name="Verifica il file").click()
    assert (
        "Documento non autentico o alterato"
        in checker.get_by_role("status").filter(has_text="Esito").inner_text()
    )
    checker.close()
