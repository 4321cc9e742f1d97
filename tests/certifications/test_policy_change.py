"""A policy change, from the lead trainer's publish to the learner's new certificate."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from certifications.models import CertificationStatus, PolicyChange
from certifications.policy import NOTHING_NEW
from courses.selectors import course_modules
from quizzes.models import Attempt
from tests.builders import (
    attempt_post_data,
    hand_in_anyway,
    make_user,
    publish_new_text,
)


@pytest.fixture
def text_changed(agent_passes, lead, travel):
    """text_changed(module, on=15 June 2026): on 1 March 2026 the agent is
    certified through onboarding and the lead trainer publishes `module` with
    refunds within 14 days; on `on` she publishes it with refunds within 7
    days. Returns the agent's certificate."""

    def change(module, on=date(2026, 6, 15)):
        certificate = agent_passes(date(2026, 3, 1))
        publish_new_text(module, lead, "Rimborsi entro 14 giorni dalla richiesta.")
        travel(on)
        publish_new_text(module, lead, "Rimborsi entro 7 giorni dalla richiesta.")
        return certificate

    return change


def test_publish_mark_review_and_new_certificate(
    agent, certification, onboarding, lead, login, client, travel, commit, text_changed
):
    module = course_modules(course=onboarding)[0]
    old = text_changed(module)

    admin = login(lead)
    explore = admin.get(f"/admin/pages/{onboarding.pk}/").content.decode()
    assert f"/admin/certificazioni/policy/{module.pk}/" in explore
    url = f"/admin/certificazioni/policy/{module.pk}/"
    assert admin.post(url, {"note": "", "due_days": "0"}).status_code == 200
    with commit():
        response = admin.post(url, {"note": "Rimborsi più rapidi.", "due_days": "30"})
    assert response.status_code == 302
    change = PolicyChange.objects.get()
    assert change.due_date == date(2026, 7, 15)
    row = CertificationStatus.objects.get(user=agent)
    assert (row.status, row.valid_until) == ("review_required", date(2026, 7, 15))
    # One policy notice (the certificate e-mail went out earlier, on issue).
    (message,) = [m for m in mail.outbox if "/certificazioni/modifiche/" in m.body]
    assert f"http://testserver/certificazioni/modifiche/{change.pk}/" in message.body

    client.logout()
    learner = login(agent)
    page = learner.get(f"/certificazioni/modifiche/{change.pk}/").content.decode()
    assert "Rimborsi più rapidi." in page
    assert '<del><span class="visually-hidden">[eliminato: </span>14' in page
    assert '<ins><span class="visually-hidden">[aggiunto: </span>7' in page
    travel(date(2026, 7, 1))
    learner = login(agent)  # the session does not outlive the jump in time
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    assert quiz_url in page
    with commit():
        learner.post(quiz_url, {"action": "start"})
        attempt = Attempt.objects.get(user=agent, state__in=Attempt.OPEN_STATES)
        response = learner.post(quiz_url, attempt_post_data(attempt))
    assert response.url == "/la-mia-formazione/", response.url
    new = agent.certificates.get(status="valid")
    old.refresh_from_db()
    assert old.status == "superseded" and new.supersedes == old
    assert new.expires_at == old.expires_at == date(2027, 3, 1)
    assert new.course_revision == change.revision
    # A new issue that replaces the old one, not HR's reissue of it.
    from wagtail.models import ModelLogEntry

    actions = set(
        ModelLogEntry.objects.filter(
            content_type__model="certificate", object_id=str(new.pk)
        ).values_list("action", flat=True)
    )
    assert "lms.certificate.issue" in actions, actions
    assert "lms.certificate.reissue" not in actions
    row.refresh_from_db()
    assert (row.status, row.valid_until) == ("certified", date(2027, 3, 1))
    verify = client.get(new.get_verify_url()).content.decode()
    assert "Versione del corso attestata" in verify
    # The version in words: the module and the day its text was published,
    # never the revision's number.
    assert "modulo «Modulo 1 di Inserimento», testo pubblicato il 15 giugno 2026" in (
        verify
    )
    assert f"{change.revision.pk} (" not in verify
    # The review is done: the page (and every link to it) still answers, and
    # says so instead of asking again.
    done = learner.get(f"/certificazioni/modifiche/{change.pk}/").content.decode()
    assert "Revisione completata" in done
    assert quiz_url not in done


def test_missing_the_due_date_makes_it_overdue(
    agent, certification, onboarding, lead, login, travel, commit, text_changed
):
    module = course_modules(course=onboarding)[0]
    text_changed(module)
    with commit():
        login(lead).post(
            f"/admin/certificazioni/policy/{module.pk}/",
            {"note": "Cambiato.", "due_days": "30"},
        )
    travel(date(2026, 7, 16))
    with commit():
        call_command("lms_daily")
    row = CertificationStatus.objects.get(user=agent)
    assert (row.status, row.due_date) == ("overdue", date(2026, 7, 15))


def test_a_change_with_nothing_published_since_certification_is_refused(
    agent, certification, onboarding, lead, login, travel, commit, agent_passes
):
    """The module was published once, before the agent was certified: there is
    no new text to review, so recording a change is refused with a message,
    and the agent is not asked to review the whole module as «aggiunto»."""
    module = course_modules(course=onboarding)[0]
    travel(date(2026, 2, 1))
    publish_new_text(module, lead, "Rimborsi entro 14 giorni dalla richiesta.")
    agent_passes(date(2026, 3, 1))
    travel(date(2026, 4, 1))
    url = f"/admin/certificazioni/policy/{module.pk}/"
    with commit():
        response = login(lead).post(url, {"note": "Cambiato.", "due_days": "30"})
    assert response.status_code == 200
    assert str(NOTHING_NEW) in response.content.decode().replace("&#x27;", "'")
    assert not PolicyChange.objects.exists()
    assert CertificationStatus.objects.get(user=agent).status == "certified"
    # Once the new text is published, the change is recorded.
    publish_new_text(module, lead, "Rimborsi entro 7 giorni dalla richiesta.")
    with commit():
        response = login(lead).post(url, {"note": "Cambiato.", "due_days": "30"})
    assert response.status_code == 302
    assert PolicyChange.objects.get().previous_revision is not None


def test_learners_cannot_mark_and_outsiders_cannot_review(
    agent, certification, onboarding, lead, login, travel, commit
):
    module = course_modules(course=onboarding)[0]
    url = f"/admin/certificazioni/policy/{module.pk}/"
    assert login(agent).get(url).status_code in (302, 403)
    publish_new_text(module, lead, "Uno.")
    publish_new_text(module, lead, "Due.")
    with commit():
        login(lead).post(url, {"note": "Cambiato.", "due_days": "30"})
    change = PolicyChange.objects.get()
    stranger = make_user("nuovo@test.it")
    response = login(stranger).get(f"/certificazioni/modifiche/{change.pk}/")
    assert response.status_code == 404


def test_a_short_quiz_drawn_from_the_changed_topic(
    agent, certification, onboarding, lead, login, commit, text_changed
):
    from quizzes.models import QuizDraw, Topic
    from tests.builders import make_question, make_quiz

    refunds = Topic.objects.create(name="Rimborsi")
    other = Topic.objects.create(name="Saluti")
    for n in range(3):
        make_question(
            f"Rimborsi {n}?", options=[("Sì", True), ("No", False)], topic=refunds
        )
    make_question("Come saluti?", options=[("Così", True), ("No", False)], topic=other)
    short = make_quiz(title="Verifica rimborsi", questions=[], pass_mark=50)
    short.draws = [QuizDraw(topic=refunds, count=2)]
    short.save()

    module = course_modules(course=onboarding)[0]
    old = text_changed(module)
    admin = login(lead)
    url = f"/admin/certificazioni/policy/{module.pk}/"
    assert "Verifica rimborsi" in admin.get(url).content.decode()
    with commit():
        admin.post(
            url, {"note": "Più rapidi.", "due_days": "30", "quiz": str(short.pk)}
        )
    change = PolicyChange.objects.get()
    assert change.quiz == short

    learner = login(agent)
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    learner.post(quiz_url, {"action": "start"})
    page = learner.get(quiz_url).content.decode()
    attempt = Attempt.objects.get(user=agent, state__in=Attempt.OPEN_STATES)
    assert attempt.quiz == short
    shown = [answer.question_text for answer in attempt.answers.all()]
    assert len(shown) == 2 and all(text.startswith("Rimborsi") for text in shown)
    assert "Come saluti?" not in page
    with commit():
        response = learner.post(quiz_url, attempt_post_data(attempt))
    assert response.url == "/la-mia-formazione/"
    new = agent.certificates.get(status="valid")
    assert new.supersedes == old and new.course_revision == change.revision


@pytest.fixture
def short_review_of_a_refresher_module(
    agent, refresher, lead, login, commit, text_changed
):
    """The agent is certified through onboarding; on `changed_on` the lead
    trainer changes the refresher's module and marks it, with a one-question
    review quiz that allows one attempt. Returns the change and the module."""
    from courses import services as course_services
    from tests.builders import make_quiz

    def mark(*, changed_on, enrol):
        short = make_quiz(
            title="Verifica breve", questions=[("Facile?", "single", [("Sì", True)])]
        )
        short.max_attempts = 1
        short.save()
        module = course_modules(course=refresher)[0]
        text_changed(module, on=changed_on)
        if enrol:
            course_services.enrollment_create(user=agent, course=refresher)
        with commit():
            login(lead).post(
                f"/admin/certificazioni/policy/{module.pk}/",
                {"note": "Cambiato.", "due_days": "30", "quiz": str(short.pk)},
            )
        return PolicyChange.objects.get(), module

    return mark


def test_a_review_quiz_in_a_refresher_neither_passes_nor_blocks_its_final_quiz(
    agent, certification, refresher, login, commit, short_review_of_a_refresher_module
):
    """The review is taken in the changed module's course. Passing its short
    quiz attests the new text, not the refresher: the refresher's own final
    quiz still has to be taken for the refresher's certificate."""
    from courses.models import Enrollment
    from courses.selectors import enrollment_progress

    change, module = short_review_of_a_refresher_module(
        changed_on=date(2027, 1, 15), enrol=True
    )
    enrollment = Enrollment.objects.get(user=agent, course=refresher)
    short = change.quiz

    learner = login(agent)
    # The refresher's final quiz is open in another tab when the review starts.
    learner.post(f"/moduli/{module.pk}/completa/")
    learner.post(f"/quiz/{refresher.pk}/", {"action": "start"})
    final = Attempt.objects.get(user=agent, quiz=refresher.quiz)
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    learner.post(quiz_url, {"action": "start"})
    review = Attempt.objects.get(user=agent, quiz=short)
    with commit():
        learner.post(quiz_url, attempt_post_data(review))
    review.refresh_from_db()
    assert review.passed
    progress = enrollment_progress(enrollment=enrollment)
    assert progress.quiz_state == "open"
    assert not agent.certificates.filter(course=refresher).exists()
    # Each page works on its own quiz's attempt.
    final.refresh_from_db()
    assert final.is_open
    with commit():
        response = learner.post(f"/quiz/{refresher.pk}/", attempt_post_data(final))
    final.refresh_from_db()
    assert final.passed and response.status_code == 302
    assert agent.certificates.filter(course=refresher, status="valid").count() == 1


def test_a_refused_review_retry_explains_itself(
    agent, certification, login, commit, short_review_of_a_refresher_module
):
    """Someone certified through onboarding, not enrolled in the refresher
    whose module changed, fails the one attempt the review quiz allows."""
    change, _module = short_review_of_a_refresher_module(
        changed_on=date(2026, 6, 15), enrol=False
    )
    short = change.quiz
    learner = login(agent)
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    learner.post(quiz_url, {"action": "start"})
    with commit():
        hand_in_anyway(learner, quiz_url)
    assert not Attempt.objects.get(user=agent, quiz=short).passed

    response = learner.post(quiz_url, {"action": "start"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/certificazioni/modifiche/{change.pk}/"
    assert "Hai esaurito i tentativi disponibili" in response.content.decode()


def test_a_recording_in_the_review_quiz_plays_for_whom_the_change_concerns(
    agent, certification, onboarding, lead, login, commit, text_changed
):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from quizzes.models import Question
    from tests.builders import make_quiz, scenario

    recording = get_document_model()(title="Il cliente")
    recording.file.save("cliente.mp3", ContentFile(b"ID3" + bytes(200)), save=False)
    recording.save()
    value = scenario()
    value["steps"][0]["audio"] = recording
    question = Question(text="Conduci la telefonata.", kind="branching")
    question.branching = [("scenario", value)]
    question.save()
    short = make_quiz(title="Verifica al telefono", questions=[question])
    module = course_modules(course=onboarding)[0]
    text_changed(module)
    learner = login(agent)
    # Only the review quiz asks it, and no change asks for that quiz yet.
    assert learner.get(recording.url).status_code == 403
    with commit():
        login(lead).post(
            f"/admin/certificazioni/policy/{module.pk}/",
            {"note": "Al telefono.", "due_days": "30", "quiz": str(short.pk)},
        )
    learner = login(agent)
    part = learner.get(recording.url, HTTP_RANGE="bytes=0-9")
    assert (part.status_code, part.content) == (206, b"ID3" + bytes(7))
    stranger = login(make_user("nuovo@test.it"))
    assert stranger.get(recording.url).status_code == 403
