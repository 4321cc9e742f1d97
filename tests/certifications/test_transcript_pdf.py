"""The transcript PDF HR prints for a person's file, read back as text: the
company's letterhead, who the person is in the company, every course with its
hours and dates, every policy review, the same statuses as the dashboard, and
a place to sign."""

from datetime import date

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from certificates.models import OrganisationSettings
from certifications.models import CertificationStatus
from certifications.policy import policy_change_mark
from courses.models import ModulePage
from courses.selectors import course_modules
from people.models import Department
from tests.builders import pass_course
from tests.pdfs import pdf_text


def _transcript(client, person) -> str:
    response = client.get(f"/hr/storico/{person.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).split())


def _publish_change(module, lead, text):
    module.body = [
        {"type": "heading", "value": "Titolo 1"},
        {"type": "paragraph", "value": f"<p>{text}</p>"},
    ]
    module.save_revision(user=lead).publish(user=lead)


def test_the_transcript_pdf_holds_a_persons_whole_training_record(
    agent, certification, onboarding, lead, hr, login, travel, commit
):
    record = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    record.name = "Contact Italia S.p.A."
    record.address = "Via Roma 1, 20121 Milano"
    record.logo = get_image_model().objects.create(
        title="logo", file=get_test_image_file("logo.png", "navy", (300, 120))
    )
    record.save()
    agent.first_name, agent.last_name = "Giulia", "Bianchi"
    agent.hire_date = date(2025, 9, 15)
    agent.job_title = "Operatrice inbound"
    agent.department = Department.objects.create(name="Assistenza", code="assist")
    agent.save()
    ModulePage.objects.child_of(onboarding).update(estimated_minutes=45)

    travel(date(2026, 3, 2))
    with commit():
        pass_course(agent, onboarding)
    module = course_modules(course=onboarding)[0]
    travel(date(2026, 4, 1))
    _publish_change(module, lead, "Accrediti in 7 giorni.")
    with commit():
        policy_change_mark(module=module, note="Accrediti.", due_days=30, user=lead)

    client = login(hr)
    text = _transcript(client, agent)
    assert "Contact Italia S.p.A." in text and "Via Roma 1, 20121 Milano" in text
    assert "Storico formativo di Giulia Bianchi" in text
    assert "Data di assunzione 15/09/2025" in text
    assert "Mansione Operatrice inbound" in text and "Reparto Assistenza" in text
    # The course: its hours, enrolment, completion and certificate dates.
    assert "Inserimento 1 h 30 min 02/03/2026 02/03/2026 02/03/2026" in text
    assert "Certificato: Valido" in text
    # The policy review asked of the person, still to do.
    assert f"{certification.name} Modulo 1 di Inserimento 01/04/2026" in text
    assert "01/05/2026 Da completare" in text
    # The certification's status is the dashboard's.
    row = CertificationStatus.objects.get(user=agent, certification=certification)
    assert row.get_status_display() == "Revisione di policy richiesta"
    assert "Revisione di policy richiesta" in text
    assert "Stampato il 01/04/2026" in text
    assert "Firma del responsabile della formazione" in text

    # Once the review is passed, it says when.
    travel(date(2026, 4, 10))
    with commit():
        pass_course_review(agent, module, lead)
    text = _transcript(client, agent)
    assert "Completata il 10/04/2026" in text and "Da completare" not in text
    # The course was completed once; its certificate was reissued for the
    # new text, the first one superseded.
    assert "Inserimento 1 h 30 min 02/03/2026 02/03/2026 10/04/2026" in text
    assert "Sostituito" in text


def pass_course_review(agent, module, lead):
    from certifications.models import PolicyChange
    from certifications.policy import policy_review_start, policy_review_submit
    from quizzes.selectors import attempt_answer_key

    change = PolicyChange.objects.get(module=module)
    attempt = policy_review_start(user=agent, change=change)
    policy_review_submit(
        user=agent,
        change=change,
        attempt=attempt,
        responses=attempt_answer_key(attempt=attempt),
    )
