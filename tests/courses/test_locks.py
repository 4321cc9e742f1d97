"""Sequencing and prerequisites: locked content says why, and cannot be reached by
URL, by the complete endpoint or by the quiz."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrollment, ModuleCompletion
from courses.selectors import course_modules
from tests.builders import make_course, take_quiz


@pytest.fixture
def ordered(catalogue):
    return make_course(catalogue, title="In ordine", modules=3, modules_in_order=True)


def _enrol(client, course):
    client.post(f"/corsi/{course.pk}/iscrizione/")


def test_modules_in_order_open_one_after_the_other(login, learner, ordered):
    client = login(learner)
    _enrol(client, ordered)
    first, second, third = course_modules(course=ordered)

    page = client.get(ordered.url).content.decode()
    assert page.count("is-locked") == 2 and page.count("is-open") == 1
    assert f'href="{second.url}"' not in page
    # Each locked module names the one whose completion opens it.
    assert "questo modulo si apre quando completi «Modulo 1 di In ordine»" in page
    assert "questo modulo si apre quando completi «Modulo 2 di In ordine»" in page

    # By URL: a clear 403 that says what opens it, never the content, and a
    # way to where the learner can go on.
    response = client.get(third.url)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Modulo non ancora disponibile" in body
    assert "si apre quando completi «Modulo 2 di In ordine»" in body
    assert "Testo del modulo 3" not in body
    assert f'href="{first.url}"' in body and "Continua da «Modulo 1" in body

    # The complete endpoint refuses it too.
    response = client.post(f"/moduli/{third.pk}/completa/", follow=True)
    assert not ModuleCompletion.objects.filter(module=third).exists()
    assert "si apre quando completi" in response.content.decode()

    client.post(f"/moduli/{first.pk}/completa/")
    assert client.get(second.url).status_code == 200
    assert client.get(third.url).status_code == 403
    # "Continue" leads to the next open module.
    assert client.get(f"/corsi/{ordered.pk}/continua/").url == second.url


def test_a_locked_modules_knowledge_checks_are_locked_too(login, learner, ordered):
    from courses.models import KnowledgeCheckResponse
    from tests.builders import knowledge_check, make_module

    client = login(learner)
    _enrol(client, ordered)
    last = make_module(
        ordered, title="Con verifica", body=[("knowledge_check", knowledge_check())]
    )
    url = f"/moduli/{last.pk}/verifiche/{last.body[0].id}/"
    response = client.post(url, {"option": "0"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert "si apre quando completi" in response.json()["error"]
    assert "Riscontro" not in response.content.decode()
    assert not KnowledgeCheckResponse.objects.exists()


def test_modules_without_order_are_all_open(login, learner, course):
    client = login(learner)
    _enrol(client, course)
    last = course_modules(course=course)[-1]
    assert client.get(last.url).status_code == 200


@pytest.fixture
def refresher(catalogue, course):
    refresher = make_course(
        catalogue, title="Aggiornamento", modules=2, kind="refresher"
    )
    refresher.required_courses.add(course)
    refresher.save_revision().publish()
    return refresher


def _certify(client, course):
    _enrol(client, course)
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)


def test_prerequisite_locks_the_course_until_its_certificate(
    login, learner, course, refresher
):
    client = login(learner)
    _enrol(client, refresher)
    module = course_modules(course=refresher)[0]

    page = client.get(refresher.url).content.decode()
    assert "richiede prima un certificato valido di: «Fondamenti del servizio»" in page
    assert f'href="{course.url}"' in page
    assert page.count("is-locked") == 2

    response = client.get(module.url)
    assert response.status_code == 403
    assert f'href="{course.url}"' in response.content.decode()
    client.post(f"/moduli/{module.pk}/completa/")
    assert not ModuleCompletion.objects.filter(module=module).exists()
    # The quiz is closed on the server as well.
    response = client.get(f"/quiz/{refresher.pk}/")
    assert response.status_code == 302 and response.url == refresher.url

    _certify(client, course)
    assert Certificate.objects.filter(user=learner, course=course).exists()
    assert client.get(module.url).status_code == 200
    assert "is-locked" not in client.get(refresher.url).content.decode()


def test_an_expired_certificate_does_not_open_the_course(
    login, learner, course, refresher
):
    client = login(learner)
    _certify(client, course)
    Certificate.objects.filter(user=learner).update(
        expires_at=timezone.localdate() - datetime.timedelta(days=1)
    )
    _enrol(client, refresher)
    assert client.get(course_modules(course=refresher)[0].url).status_code == 403


def test_the_quiz_of_an_ordered_course_still_needs_every_module(
    login, learner, ordered
):
    client = login(learner)
    _enrol(client, ordered)
    response = take_quiz(client, ordered)
    assert response.status_code == 302
    assert not Certificate.objects.exists()


def test_a_removed_assignment_closes_the_content(login, learner, hr, course):
    from courses.services import enrollment_remove

    client = login(learner)
    _enrol(client, course)
    enrollment_remove(enrollment=Enrollment.objects.get(), actor=hr)
    module = course_modules(course=course)[0]
    response = client.get(module.url)
    assert response.status_code == 302 and response.url == course.url
    assert client.get(f"/quiz/{course.pk}/").status_code == 302
    # Self-enrolling again brings the same enrolment back.
    _enrol(client, course)
    assert Enrollment.objects.get().removed_at is None
    assert client.get(module.url).status_code == 200


def test_resume_link_leads_to_the_quiz_then_the_course(login, learner, course):
    client = login(learner)
    _enrol(client, course)
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    assert client.get(f"/corsi/{course.pk}/continua/").url == f"/quiz/{course.pk}/"
    take_quiz(client, course)
    assert client.get(f"/corsi/{course.pk}/continua/").url == course.url


def test_resume_of_an_unknown_course_is_a_404(login, learner, db):
    assert login(learner).get("/corsi/999999/continua/").status_code == 404
