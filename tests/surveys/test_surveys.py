"""Satisfaction surveys: a finished course invites to its survey (a notice and a
task on the home), the learner answers or dismisses it through the pages, the
survey never holds the certificate back, anonymity holds, and trainers read the
results in the admin."""

import re

import pytest

from certificates.models import Certificate
from notifications.models import EmailRecord, Notification
from people import roles
from surveys.models import CourseSurvey, Survey, SurveyInvitation, SurveyResponse
from surveys.services import survey_invite
from tests.builders import certify_through_pages, make_course, make_user, pass_course


def make_survey(anonymous=True, title="Com'è andato il corso?"):
    survey = Survey.objects.create(
        title=title,
        anonymous=anonymous,
        questions=[
            {"type": "rating", "value": "Quanto ti è stato utile?"},
            {"type": "rating", "value": "Quanto era chiaro il formatore?"},
            {"type": "text", "value": "Che cosa miglioreresti?"},
        ],
    )
    return Survey.objects.get(pk=survey.pk)


def ids(survey):
    return [block.id for block in survey.questions]


@pytest.fixture
def surveyed(course, trainer):
    course.owner = trainer
    course.save(update_fields=["owner"])
    survey = make_survey()
    CourseSurvey.objects.create(course=course, survey=survey)
    return survey


def test_finishing_the_course_invites_and_never_blocks_the_certificate(
    client, login, learner, course, surveyed, commit
):
    web = login(learner)
    with commit():
        certificate = certify_through_pages(web, course)
    # The certificate is there at once, with the survey still unanswered.
    assert certificate.status == Certificate.Status.VALID
    invitation = SurveyInvitation.objects.get(user=learner)
    assert invitation.is_open and invitation.course_id == course.pk
    record = EmailRecord.objects.get(user=learner, kind="survey")
    assert "Fondamenti del servizio" in record.subject
    assert f"/questionari/{invitation.pk}/" in record.body
    assert Notification.objects.filter(user=learner, kind="survey").exists()
    home = web.get("/la-mia-formazione/").content.decode()
    assert "Com&#x27;è andato il corso?" in home
    assert f'href="/questionari/{invitation.pk}/"' in home


def test_a_course_without_survey_invites_nobody(learner, course, commit):
    with commit():
        pass_course(learner, course)
    assert not SurveyInvitation.objects.exists()


def test_anonymous_answer_keeps_no_link_to_the_person(
    login, learner, course, surveyed, commit
):
    with commit():
        pass_course(learner, course)
    invitation = SurveyInvitation.objects.get(user=learner)
    web = login(learner)
    useful, clear, better = ids(surveyed)
    page = web.post(
        f"/questionari/{invitation.pk}/",
        {f"q-{useful}": "4", f"q-{clear}": "5", f"q-{better}": "Più esempi"},
        follow=True,
    )
    assert "Grazie! La tua risposta è stata registrata." in page.content.decode()
    response = SurveyResponse.objects.get()
    assert response.user is None
    assert response.answers == {useful: 4, clear: 5, better: "Più esempi"}
    assert not hasattr(response, "invitation")
    invitation.refresh_from_db()
    assert invitation.answered
    assert f"/questionari/{invitation.pk}/" not in page.content.decode()
    # Once: a second answer is refused and nothing is added.
    again = web.post(
        f"/questionari/{invitation.pk}/",
        {f"q-{useful}": "1", f"q-{clear}": "1"},
        follow=True,
    )
    assert "Hai già risposto a questo questionario" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_named_survey_keeps_the_person(login, learner, course, commit):
    survey = make_survey(anonymous=False)
    CourseSurvey.objects.create(course=course, survey=survey)
    with commit():
        pass_course(learner, course)
    invitation = SurveyInvitation.objects.get()
    useful, clear, _better = ids(survey)
    login(learner).post(
        f"/questionari/{invitation.pk}/", {f"q-{useful}": "3", f"q-{clear}": "2"}
    )
    assert SurveyResponse.objects.get().user == learner


def test_missing_rating_is_a_message_and_others_cannot_see_it(
    client, login, learner, course, surveyed, commit
):
    with commit():
        pass_course(learner, course)
    invitation = SurveyInvitation.objects.get()
    useful, _clear, _better = ids(surveyed)
    page = login(learner).post(f"/questionari/{invitation.pk}/", {f"q-{useful}": "9"})
    assert page.status_code == 400
    assert page.content.decode().count("Scegli un valore da 1 a 5.") == 2
    assert not SurveyResponse.objects.exists()
    client.logout()
    other = make_user("altro@test.it", role=roles.LEARNER)
    login(other)
    assert client.get(f"/questionari/{invitation.pk}/").status_code == 404
    assert client.post(f"/questionari/{invitation.pk}/ignora/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open


def test_dismissed_invitation_leaves_the_home(login, learner, course, surveyed, commit):
    with commit():
        pass_course(learner, course)
    invitation = SurveyInvitation.objects.get()
    web = login(learner)
    page = web.post(f"/questionari/{invitation.pk}/ignora/", follow=True)
    assert f"/questionari/{invitation.pk}/" not in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.dismissed and not invitation.answered


def test_survey_invite_for_a_session_is_sent_once(learner, trainer, commit):
    survey = make_survey()
    with commit():
        first = survey_invite(
            user=learner,
            survey=survey,
            context_label="Aula: ascolto attivo, 12/03",
            trainer=trainer,
        )
        second = survey_invite(
            user=learner, survey=survey, context_label="Aula: ascolto attivo, 12/03"
        )
    assert first is not None and second is None
    assert EmailRecord.objects.filter(user=learner, kind="survey").count() == 1
    assert first.course is None and first.trainer == trainer


def _answer(survey, course, values, comment="", user=None, trainer=None):
    useful, clear, better = ids(survey)
    SurveyResponse.objects.create(
        survey=survey,
        course=course,
        context_label=course.title,
        trainer=trainer,
        user=user,
        answered_on="2026-03-10",
        answers={useful: values[0], clear: values[1], better: comment},
        questions={},
    )


def test_results_show_chart_average_and_comments_without_names(
    client, login, trainer, hr, learner, course, catalogue, surveyed
):
    other = make_course(catalogue, title="Reclami", modules=1)
    for values, comment in (((5, 4), "Ottimo"), ((4, 4), ""), ((5, 2), "Lento")):
        _answer(surveyed, course, values, comment, trainer=trainer, user=None)
    _answer(surveyed, other, (1, 1), "Da rifare")
    page = login(trainer).get("/admin/questionari/risultati/", {"course": course.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Media 4,67 su 5 (3 risposte)" in html or "Media 4.67 su 5" in html
    bars = re.findall(r'data-value="(\d)" data-count="(\d+)"', html)
    assert bars[:5] == [("1", "0"), ("2", "0"), ("3", "0"), ("4", "1"), ("5", "2")]
    assert "Ottimo" in html and "Lento" in html and "Da rifare" not in html
    assert "Giulia" not in html  # anonymous: no names
    by_trainer = login(hr).get("/admin/questionari/risultati/", {"trainer": trainer.pk})
    assert "Da rifare" not in by_trainer.content.decode()
    assert by_trainer.status_code == 200
    client.logout()
    login(learner)
    assert client.get("/admin/questionari/risultati/").status_code in (302, 403)


@pytest.mark.parametrize("answers", [1, 8])
def test_results_queries_do_not_grow(
    login, trainer, course, surveyed, answers, django_assert_max_num_queries
):
    for n in range(answers):
        _answer(surveyed, course, (n % 5 + 1, 3), f"Commento {n}")
    web = login(trainer)
    with django_assert_max_num_queries(30):
        page = web.get("/admin/questionari/risultati/")
    assert page.content.decode().count("Commento ") == answers


def test_personal_data_export_gives_named_answers_only(
    login, learner, hr, course, commit
):
    import io
    import json
    import zipfile

    named = make_survey(anonymous=False, title="Con nome")
    anonymous = make_survey(anonymous=True, title="Anonimo")
    CourseSurvey.objects.create(course=course, survey=named)
    with commit():
        pass_course(learner, course)
        survey_invite(user=learner, survey=anonymous, context_label="Aula del 12/03")
    web = login(learner)
    for invitation in SurveyInvitation.objects.select_related("survey"):
        useful, clear, _better = ids(invitation.survey)
        web.post(
            f"/questionari/{invitation.pk}/", {f"q-{useful}": "5", f"q-{clear}": "4"}
        )
    assert SurveyResponse.objects.count() == 2
    response = login(hr).get(f"/hr/persone/{learner.pk}/dati-personali/esporta/")
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert len(data["survey_invitations"]) == 2
    [answer] = data["survey_answers"]
    assert answer["fields"]["survey"] == named.pk


def test_the_survey_page_names_the_course_in_the_readers_language(
    login, learner, course, surveyed
):
    """The home's task names the course in English for an English reader; the
    survey it opens named it by the Italian title stored with the invitation."""
    from tests.builders import translate

    translate(course, title="Customer service basics")
    invitation = survey_invite(
        user=learner, survey=surveyed, context_label=course.title, course=course
    )
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    page = login(learner).get(f"/questionari/{invitation.pk}/").content.decode()
    assert '<p class="card__eyebrow">Customer service basics</p>' in page
