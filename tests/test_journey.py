"""The whole product in one walk: a learner studies, fails, passes, downloads the
certificate, and a stranger verifies it; HR sees the result."""

import re

from certificates.models import Certificate
from courses.selectors import course_modules
from people import roles
from quizzes.models import Answer, Attempt
from tests.builders import PASSWORD, make_user, take_quiz
from tests.pdfs import pdf_page_size_points, pdf_qr_codes, pdf_text


def test_learner_journey_from_login_to_verified_certificate(
    client, course, learner, django_capture_on_commit_callbacks
):
    # 1. Log in with the e-mail address through allauth.
    response = client.post(
        "/account/login/", {"login": learner.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/la-mia-formazione/"

    # Enrol and complete every module through the pages.
    response = client.post(f"/corsi/{course.pk}/iscrizione/", follow=True)
    assert "Iscrizione al corso" in response.content.decode()
    for module in course_modules(course=course):
        page = client.get(module.url)
        assert page.status_code == 200
        assert module.title in page.content.decode()
        client.post(f"/moduli/{module.pk}/completa/")
    course_page = client.get(course.url).content.decode()
    assert "Inizia il quiz" in course_page

    # 2. Fail the quiz once (2 of 5 wrong = 60 % < 80 %) ...
    response = take_quiz(client, course, wrong=2, follow=True)
    body = response.content.decode()
    assert "Quiz non superato" in body and "60\u00a0%" in body
    assert not Certificate.objects.exists()

    # ... then pass it.
    with django_capture_on_commit_callbacks(execute=True):
        response = take_quiz(client, course, follow=True)
    body = response.content.decode()
    assert "Quiz superato" in body and "100\u00a0%" in body
    assert Attempt.objects.filter(user=learner).count() == 2
    assert Answer.objects.filter(attempt__user=learner).count() == 10

    certificate = Certificate.objects.get(user=learner)
    assert certificate.pdf.name, "the task rendered and stored the PDF on issue"

    # 3. Download the PDF from the learner home and read it back.
    home = client.get("/la-mia-formazione/").content.decode()
    download_url = f"/certificati/{certificate.pk}/pdf/"
    assert download_url in home
    response = client.get(download_url)
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = pdf_text(data)
    assert "Giulia Bianchi" in text
    assert course.title in text
    assert certificate.display_code in text
    width, height = pdf_page_size_points(data)
    assert (round(width), round(height)) == (842, 595), "A4 landscape"
    verify_url = f"http://testserver/verifica/{certificate.verification_code}/"
    assert pdf_qr_codes(data) == [verify_url]

    # 4. A stranger, not logged in, opens the QR code's address.
    client.logout()
    response = client.get(verify_url.removeprefix("http://testserver"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Certificato valido" in page
    assert "Giulia Bianchi" in page and course.title in page

    # HR sees the learner certified on the day.
    hr = make_user("hr@test.it", role=roles.HR, first_name="Elena", last_name="Ferrari")
    client.login(email=hr.email, password=PASSWORD)
    page = client.get("/hr/stato-formazione/").content.decode()
    tbody = page[page.index("<tbody>") :]
    row = re.search(r"Giulia Bianchi.*?</tr>", tbody, re.S).group(0)
    assert "Certificato" in row
