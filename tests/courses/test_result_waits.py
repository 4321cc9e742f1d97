"""A final quiz passed while the certificate still waits for something the
course requires (an observation on the job, a classroom session): the result
page says what is missing, in the learner's language, and the certificate
follows once the last step is met."""

from django.utils.html import escape

from certificates.models import Certificate
from courses.selectors import course_modules
from tests.builders import take_quiz
from tests.classroom.builders import require_session
from tests.observations.builders import (
    make_checklist,
    observation_form,
    observation_start,
    require_observation,
)


def _pass_the_quiz_through_the_pages(client, course) -> str:
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    response = take_quiz(client, course, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_result_names_the_missing_observation_until_the_trainer_submits_it(
    client, course, learner, trainer, commit
):
    require_observation(course)
    checklist = make_checklist()
    client.force_login(learner)
    with commit():
        page = _pass_the_quiz_through_the_pages(client, course)
    assert "Quiz superato" in page
    assert "Il certificato non è ancora stato rilasciato." in page
    assert "<strong>Osservazione sul lavoro</strong>: In attesa di osservazione" in page
    assert 'href="/osservazioni/"' in page
    assert not Certificate.objects.filter(user=learner).exists()

    # The trainer observes the learner and submits the observation on its page.
    client.force_login(trainer)
    with commit():
        observation = observation_start(client, learner, checklist)
        response = client.post(
            f"/osservazioni/{observation.pk}/", observation_form(observation)
        )
    assert response.status_code == 302
    certificate = Certificate.objects.get(user=learner, course=course)
    assert certificate.status == Certificate.Status.VALID

    client.force_login(learner)
    home = client.get("/la-mia-formazione/").content.decode()
    assert f"/certificati/{certificate.pk}/pdf/" in home
    assert "In attesa di osservazione" not in home
    # The same result page now hands over the certificate.
    result = client.get(f"/quiz/tentativi/{certificate.attempt_id}/")
    page = result.content.decode()
    assert "Scarica il certificato (PDF)" in page
    assert "Per ottenerlo resta da completare" not in page


def test_the_result_names_the_missing_session_in_english(client, course, learner):
    require_session(course)
    learner.preferred_language = "en"
    learner.save()
    client.force_login(learner)
    page = _pass_the_quiz_through_the_pages(client, course)
    assert "Quiz passed" in page
    assert escape("The certificate has not been issued yet.") in page
    assert "<strong>Classroom session</strong>: Waiting for the session" in page
    assert f'href="/sessioni/corso/{course.pk}/"' in page
    assert not Certificate.objects.filter(user=learner).exists()
