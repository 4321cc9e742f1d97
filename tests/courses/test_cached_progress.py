"""A learner's progress is kept in the cache for their pages
(courses.selectors._own_facts) and every change to it shows on the next page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.services import certificate_revoke
from courses.selectors import course_modules
from courses.services import enrollment_remove
from tests.builders import certify_through_pages


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/la-mia-formazione/")
    assert page.status_code == 200
    return page.content.decode(), len(queries)


def test_the_home_reads_progress_once_and_shows_each_completion(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    _html, cold = _home(client)
    html, warm = _home(client)
    assert warm <= cold - 4  # enrolments, completions, attempts, certificates
    assert "0 di 3 moduli" in html

    first = course_modules(course=course)[0]
    client.post(f"/moduli/{first.pk}/completa/")
    html, _queries = _home(client)
    assert "1 di 3 moduli" in html and "25% completato" in html


def test_an_assignment_withdrawn_by_hr_leaves_the_home_at_once(
    login, learner, hr, course
):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    assert course.title in _home(client)[0]
    enrollment = learner.enrollments.get(course=course)
    enrollment_remove(enrollment=enrollment, actor=hr, reason="Cambio di reparto")
    assert course.title not in _home(client)[0]


def test_a_revoked_certificate_no_longer_shows_as_earned(login, learner, hr, course):
    client = login(learner)
    certificate = certify_through_pages(client, course)
    download = f"/certificati/{certificate.pk}/pdf/"
    assert download in client.get(course.url).content.decode()
    certificate_revoke(
        certificate=certificate, user=hr, public_reason="Rilasciato per errore"
    )
    assert download not in client.get(course.url).content.decode()
