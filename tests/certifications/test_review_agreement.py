"""A policy review asked of a certified agent reads the same everywhere: the
HR dashboard and the transcript say "Revisione di policy richiesta" (not "In
scadenza"), the learner's home says the review is required, and the certificate
itself stays valid until the review's due date."""

from datetime import date

from certificates.models import Certificate
from courses.selectors import course_modules
from quizzes.models import Attempt
from tests.builders import attempt_post_data

URL = "/hr/conformita/"


def test_dashboard_transcript_home_and_certificate_agree(
    agent, certification, onboarding, hr, login, commit, agent_passes, mark_policy
):
    agent_passes(date(2026, 3, 1))
    module = course_modules(course=onboarding)[0]
    change = mark_policy(
        module,
        "Accrediti più rapidi.",
        on=date(2026, 4, 1),
        text="Accredito in 7 giorni.",
    )

    client = login(hr)
    page = client.get(URL).content.decode()
    badge = 'status--review_required">Revisione di policy richiesta</span>'
    assert badge in page and 'status--expiring"' not in page
    assert "entro il 01/05/2026" in page
    assert 'status=review_required">Revisione di policy richiesta</a></dt><dd>1' in (
        page
    )
    assert 'status=valid">Certificati validi</a></dt><dd>1' in page
    transcript = client.get(f"/hr/storico/{agent.pk}/").content.decode()
    assert badge in transcript

    certificate = Certificate.objects.get(user=agent)
    assert certificate.current_status == Certificate.Status.VALID
    verify = client.get(f"/verifica/{certificate.verification_code}/")
    assert "Certificato valido" in verify.content.decode()

    client = login(agent)
    home = client.get("/la-mia-formazione/").content.decode()
    card = home[home.index("course-card") :]
    assert "Revisione richiesta" in card and ">Certificato<" not in card

    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    client.post(quiz_url, {"action": "start"})
    attempt = Attempt.objects.get(user=agent, purpose=f"policy:{change.pk}")
    with commit():
        client.post(quiz_url, attempt_post_data(attempt))
    page = login(hr).get(URL).content.decode()
    assert 'status--certified">Certificato</span>' in page and badge not in page
