"""Every rule behind a certificate goes through review: a trainer's change to a
quiz, a question, a certificate template or an e-mail template is a draft that
reaches learners only once a lead trainer approves it; attempts and certificates
record the rules and the quiz version they used."""

import pytest
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState

from certificates.models import Certificate, CertificateTemplate
from certificates.pdf import template_for
from notifications.models import EmailTemplate, Kind
from notifications.services import _texts
from quizzes.models import Attempt, Question, Quiz, QuizDraw, Topic
from tests.builders import (
    attempt_post_data,
    make_course,
    make_question,
    make_quiz,
    pass_course,
    question_form,
    start_quiz,
    take_quiz,
)
from tests.review import approve, edit_form, submit_change

QUIZ_ADMIN = "/admin/snippets/quizzes/quiz"
QUESTION_ADMIN = "/admin/snippets/quizzes/question"


# `login` signs the test's one client in as someone else: each step signs in
# the person who acts.


@pytest.fixture
def onboarding(quiz_course):
    """The onboarding-like quiz: 5 questions, pass mark 80 %, in a course with
    no modules and the learner enrolled."""
    quiz = make_quiz(title="Quiz di inserimento", pass_mark=80)
    return quiz, quiz_course(quiz=quiz)


def test_a_trainers_pass_mark_waits_for_the_lead_trainer(
    onboarding, login, trainer, lead, learner
):
    quiz, course = onboarding
    edit_url = f"{QUIZ_ADMIN}/edit/{quiz.pk}/"
    submit_change(login(trainer), edit_url, pass_mark="20", max_attempts="0")
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80 and quiz.workflow_in_progress
    assert quiz.get_latest_revision_as_object().pass_mark == 20

    # The trainer has no publish button, and a publish sent anyway is not one.
    trainer_client = login(trainer)
    assert 'name="action-publish"' not in trainer_client.get(edit_url).content.decode()
    data = edit_form(trainer_client, edit_url)
    data.update(pass_mark="1", **{"action-publish": "publish"})
    trainer_client.post(edit_url, data)
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80
    # Nor can the trainer approve the change.
    response, task_state = approve(login(trainer), QUIZ_ADMIN, quiz)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    # The learner still needs 80 %: 3 right answers of 5 fail.
    client = login(learner)
    assert "serve almeno l'80\u00a0%" in client.get(course.url).content.decode()
    assert "almeno l'80\u00a0%" in client.get(f"/quiz/{course.pk}/").content.decode()
    take_quiz(client, course, wrong=2)
    failed = Attempt.objects.get(user=learner)
    assert (failed.pass_mark, failed.passed) == (80, False)
    assert not Certificate.objects.filter(user=learner).exists()

    # The lead trainer approves: the new pass mark applies to the next attempt,
    # and the certificate records the quiz version it was earned on.
    response, task_state = approve(login(lead), QUIZ_ADMIN, quiz)
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    quiz.refresh_from_db()
    assert quiz.pass_mark == 20 and quiz.live_revision is not None
    client = login(learner)  # the test's one browser, the learner's again
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "almeno il 20\u00a0%" in page
    take_quiz(client, course, wrong=2)
    passed = Attempt.objects.filter(user=learner).order_by("-pk").first()
    assert (passed.pass_mark, passed.passed) == (20, True)
    assert passed.quiz_revision == quiz.live_revision
    start = log_registry.get_logs_for_instance(passed).get(action="lms.attempt.start")
    assert start.data["quiz_revision"] == quiz.live_revision_id
    assert start.data["pass_mark"] == 20
    certificate = Certificate.objects.get(user=learner)
    assert certificate.quiz_revision == quiz.live_revision


def test_an_attempt_keeps_the_rules_it_was_started_under(
    onboarding, login, trainer, lead, learner
):
    quiz, course = onboarding
    client = login(learner)
    start_quiz(client, course)
    attempt = Attempt.objects.get(user=learner)
    assert attempt.rules["review_right_answers"] is False

    submit_change(
        login(trainer),
        f"{QUIZ_ADMIN}/edit/{quiz.pk}/",
        pass_mark="20",
        review_right_answers="on",
    )
    approve(login(lead), QUIZ_ADMIN, quiz)
    quiz.refresh_from_db()
    assert quiz.pass_mark == 20

    # Submitted after the change: graded by the pass mark it started under.
    client = login(learner)
    response = client.post(
        f"/quiz/{course.pk}/", attempt_post_data(attempt, wrong=2), follow=True
    )
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (60, False)
    page = response.content.decode()
    assert "soglia: 80\u00a0%" in page
    assert "risposta giusta" not in page  # the review rules it started under


def test_a_question_change_waits_for_the_lead_trainer(
    quiz_course, login, trainer, lead, learner
):
    question = make_question(
        "Quanto può attendere un cliente in linea?",
        options=[("Due minuti", True), ("Dieci minuti", False)],
    )
    quiz = make_quiz(pass_mark=100, questions=[question])
    course = quiz_course(quiz=quiz)
    edit_url = f"{QUESTION_ADMIN}/edit/{question.pk}/"
    data = edit_form(login(trainer), edit_url)
    first, second = sorted(k for k in data if k in ("options-0-text", "options-1-text"))
    changes = {
        first: "Due minuti al massimo",
        second: "Dieci minuti al massimo",
        second.replace("-text", "-is_correct"): "on",
    }
    data = {k: v for k, v in data.items() if k != first.replace("-text", "-is_correct")}
    data.update(changes, **{"action-submit": "submit"})
    response = login(trainer).post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.workflow_in_progress
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Due minuti", True),
        ("Dieci minuti", False),
    ]

    # The learner is shown the live version and graded on it.
    client = login(learner)
    start_quiz(client, course)
    page = client.get(f"/quiz/{course.pk}/").content.decode()
    assert "Due minuti" in page and "al massimo" not in page
    attempt = Attempt.objects.get(user=learner)
    client.post(f"/quiz/{course.pk}/", attempt_post_data(attempt))
    attempt.refresh_from_db()
    assert attempt.passed
    assert attempt.answers.get().snapshot["options"][0]["text"] in (
        "Due minuti",
        "Dieci minuti",
    )

    approve(login(lead), QUESTION_ADMIN, question)
    question.refresh_from_db()
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Due minuti al massimo", False),
        ("Dieci minuti al massimo", True),
    ]


def test_a_new_quiz_is_nobodys_until_published(
    catalogue, quiz_course, login, trainer, learner
):
    client = login(trainer)
    data = edit_form(client, f"{QUIZ_ADMIN}/add/")
    data.update(title="Quiz in preparazione", pass_mark="10")
    response = client.post(f"{QUIZ_ADMIN}/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Quiz.objects.get(title="Quiz in preparazione")
    assert not draft.live
    # Even with a question, on a course, it starts no attempt.
    draft.items.create(question=make_question("Pronto?", options=[("Sì", True)]))
    course = quiz_course(quiz=draft)
    learner_client = login(learner)
    # Neither the course page nor the quiz's page shows the draft's pass mark
    # or a start button: they say the quiz is not published yet.
    for page in (course.url, reverse("courses:quiz", args=[course.pk])):
        text = learner_client.get(page, follow=True).content.decode()
        assert "non è ancora stato pubblicato" in text, page
        assert "10%" not in text and "Inizia il quiz" not in text, page
    response = start_quiz(learner_client, course, follow=True)
    assert "quiz" in response.content.decode().lower()
    assert not Attempt.objects.filter(user=learner).exists()


def test_a_draft_question_is_never_drawn(quiz_course, login, trainer, learner):
    topic = Topic.objects.create(name="Reclami")
    live = make_question("Domanda pubblicata", options=[("Sì", True)], topic=topic)
    client = login(trainer)
    data = question_form(
        "single",
        [("Sì", True, ""), ("No", False, "")],
        text="Domanda in bozza",
        topic=str(topic.pk),
    )
    response = client.post(f"{QUESTION_ADMIN}/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Question.objects.get(text="Domanda in bozza").live

    quiz = make_quiz(questions=[])
    QuizDraw.objects.create(quiz=quiz, topic=topic, count=2)
    course = quiz_course(quiz=quiz)
    start_quiz(login(learner), course)
    attempt = Attempt.objects.get(user=learner)
    assert [a.question_id for a in attempt.answers.all()] == [live.pk]


def test_the_lead_trainers_dashboard_lists_the_change_with_its_comparison(
    onboarding, login, trainer, lead
):
    quiz, _course = onboarding
    submit_change(login(trainer), f"{QUIZ_ADMIN}/edit/{quiz.pk}/", pass_mark="20")
    client = login(lead)
    dashboard = client.get("/admin/").content.decode()
    assert "Quiz di inserimento" in dashboard
    quiz.refresh_from_db()
    revision = quiz.get_latest_revision()
    compare = client.get(
        f"{QUIZ_ADMIN}/history/{quiz.pk}/revisions/compare/live...{revision.pk}/"
    )
    assert compare.status_code == 200
    page = compare.content.decode()
    assert "soglia di superamento" in page.lower()
    assert "80" in page and "20" in page


def test_an_email_template_change_waits_for_the_lead_trainer(login, trainer, lead):
    template = EmailTemplate.objects.get(kind=Kind.REMINDER)
    url = f"/admin/snippets/notifications/emailtemplate/edit/{template.pk}/"
    submit_change(login(trainer), url, subject_it="Nuovo oggetto {course}")
    assert _texts(Kind.REMINDER, "it")[0] != "Nuovo oggetto {course}"
    approve(login(lead), "/admin/snippets/notifications/emailtemplate", template)
    assert _texts(Kind.REMINDER, "it")[0] == "Nuovo oggetto {course}"


def test_a_certificate_template_change_waits_for_the_lead_trainer(
    login, trainer, lead, learner, catalogue
):
    template = CertificateTemplate.objects.create(
        name="Aziendale", is_default=True, title="Attestato di completamento"
    )
    course = make_course(catalogue, title="Accoglienza", modules=0)
    certificate = pass_course(learner, course)
    url = f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/"
    submit_change(login(trainer), url, title="Attestato di eccellenza")
    assert template_for(certificate).title == "Attestato di completamento"
    approve(login(lead), "/admin/snippets/certificates/certificatetemplate", template)
    assert template_for(certificate).title == "Attestato di eccellenza"
