"""Published content is read once and reused by the next learners' pages
(content.tree), and every change shows on the very next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from certificates.models import Certificate
from courses.selectors import course_modules
from people import roles
from tests.builders import (
    PASSWORD,
    certify_through_pages,
    make_certification,
    make_course,
    make_user,
    take_quiz,
)


def _reader(client, email):
    user = make_user(email, role=roles.LEARNER)
    client.logout()
    assert client.login(email=user.email, password=PASSWORD)
    client.post(f"/corsi/{client.course.pk}/iscrizione/")
    return user


@pytest.fixture
def reading(client, course):
    client.course = course
    return client


def _module_page(client, module):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(module.url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_next_learner_reads_the_module_without_reading_the_content_again(
    reading, course
):
    module = course_modules(course=course)[0]
    _reader(reading, "primo@test.it")
    first, first_queries = _module_page(reading, module)
    _reader(reading, "secondo@test.it")
    second, second_queries = _module_page(reading, module)
    assert "Testo del modulo 1." in first and "Testo del modulo 1." in second
    # The page, its restrictions, its course and the course's modules.
    assert second_queries <= first_queries - 4


def test_nothing_is_reused_without_a_cache_every_process_shares(
    reading, course, settings
):
    settings.LMS_CACHE_IS_SHARED = False
    module = course_modules(course=course)[0]
    _reader(reading, "primo@test.it")
    _html, first_queries = _module_page(reading, module)
    _reader(reading, "secondo@test.it")
    _html, second_queries = _module_page(reading, module)
    # At most the site, which each process remembers for itself (SiteMiddleware).
    assert second_queries >= first_queries - 1


def test_a_published_change_shows_on_the_next_page(reading, course):
    module = course_modules(course=course)[0]
    _reader(reading, "primo@test.it")
    assert "Testo del modulo 1." in _module_page(reading, module)[0]

    module.body = [{"type": "paragraph", "value": "<p>Nuova regola di cortesia.</p>"}]
    module.save_revision().publish()

    html, _queries = _module_page(reading, module)
    assert "Nuova regola di cortesia." in html
    assert "Testo del modulo 1." not in html


def test_an_unpublished_module_is_gone_at_once(reading, course):
    first, second, _third = course_modules(course=course)
    _reader(reading, "primo@test.it")
    _module_page(reading, second)
    second.unpublish()
    assert reading.get(second.url).status_code == 404
    # The course's list of modules forgot it too.
    course_page = reading.get(course.url).content.decode()
    assert second.title not in course_page
    assert first.title in course_page


def test_a_moved_module_answers_at_its_new_address(reading, course, catalogue):
    other = make_course(catalogue, title="Reclami", modules=0)
    module = course_modules(course=course)[0]
    old_url = module.url
    _reader(reading, "primo@test.it")
    reading.post(f"/corsi/{other.pk}/iscrizione/")
    _module_page(reading, module)

    module.move(other, pos="last-child")
    module.refresh_from_db()
    # Wagtail leaves a redirect behind; the page itself is found at the new path.
    old = reading.get(old_url)
    assert old.status_code == 301 and old["Location"] == module.url != old_url
    html, _queries = _module_page(reading, module)
    assert "Reclami" in html  # now a module of the other course


def test_a_restriction_added_to_a_course_applies_at_once(client, course):
    assert client.get(course.url).status_code == 200
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(course.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_edited_question_shows_in_the_next_attempt(reading, course):
    for email in ("primo@test.it", "secondo@test.it"):
        _reader(reading, email)
        for module in course_modules(course=course):
            reading.post(f"/moduli/{module.pk}/completa/")
        html = reading.get(f"/quiz/{course.pk}/").content.decode()
        if email == "primo@test.it":
            assert "Domanda 1?" in html
            question = course.quiz.items.order_by("sort_order").first().question
            question.text = "Che cosa offri a chi aspetta in linea?"
            question.save()
    assert "Che cosa offri a chi aspetta in linea?" in html
    assert "Domanda 1?" not in html


def test_a_certification_given_to_a_course_counts_for_the_next_completion(
    reading, course
):
    _reader(reading, "primo@test.it")
    before = certify_through_pages(reading, course)
    assert before.expires_at is None  # the course earned no certification yet

    make_certification(onboarding=course, validity_months=12)
    _reader(reading, "secondo@test.it")
    for module in course_modules(course=course):
        reading.post(f"/moduli/{module.pk}/completa/")
    take_quiz(reading, course)
    after = Certificate.objects.exclude(pk=before.pk).get(course=course)
    assert after.expires_at is not None
