"""The learner home and the course page: order, status, due dates, resume."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Enrollment
from courses.selectors import course_modules
from tests.builders import make_course, make_quiz, take_quiz, translate

TODAY = timezone.localdate()


def _titles_in_order(page: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=lambda title: page.index(f">{title}</a></h3>"))


def _assign(learner, course, *, due_in_days, source=Enrollment.Source.MANUAL):
    Enrollment.objects.create(
        user=learner,
        course=course,
        source=source,
        due_date=TODAY + datetime.timedelta(days=due_in_days),
    )


def test_assigned_courses_come_first_by_due_date(login, learner, catalogue):
    late = make_course(catalogue, title="Scadenza lontana", modules=1)
    soon = make_course(catalogue, title="Scadenza vicina", modules=1)
    mine = make_course(catalogue, title="Scelto da me", modules=1)
    for course, due in ((late, 40), (soon, 5)):
        _assign(learner, course, due_in_days=due)
    client = login(learner)
    client.post(f"/corsi/{mine.pk}/iscrizione/")
    page = client.get("/la-mia-formazione/").content.decode()
    titles = ["Scelto da me", "Scadenza lontana", "Scadenza vicina"]
    assert _titles_in_order(page, titles) == [
        "Scadenza vicina",
        "Scadenza lontana",
        "Scelto da me",
    ]
    due = (TODAY + datetime.timedelta(days=5)).strftime("%Y")
    assert "Da completare entro il" in page and due in page
    assert f'href="/corsi/{soon.pk}/continua/"' in page


def test_home_lists_certificates_with_download_and_expiry(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)
    page = client.get("/la-mia-formazione/").content.decode()
    certificate = learner.certificates.get()
    assert page.count(f"/certificati/{certificate.pk}/pdf/") == 2  # card and table
    assert "Non scade" in page
    type(certificate).objects.filter(pk=certificate.pk).update(
        expires_at=datetime.date(2028, 3, 31)
    )
    # Tables give dates as dd/mm/yyyy, never ISO.
    page = client.get("/la-mia-formazione/").content.decode()
    assert "31/03/2028" in page and "2028-03-31" not in page


def test_course_page_shows_module_states_quiz_state_and_time(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    client.post(f"/moduli/{course_modules(course=course)[0].pk}/completa/")
    page = client.get(course.url).content.decode()
    assert page.count("is-done") == 1 and page.count("is-open") == 2
    assert "15 minuti" in page
    assert "Il quiz si apre quando hai completato tutti i moduli" in page
    assert "Continua" in page


@pytest.mark.parametrize("courses", [1, 6])
def test_learner_home_with_assignments_and_prerequisites_stays_flat(
    login, learner, catalogue, courses, django_assert_max_num_queries
):
    base = make_course(catalogue, title="Base", modules=1)
    for n in range(courses):
        course = make_course(catalogue, title=f"Corso {n}", modules=3)
        course.required_courses.add(base)
        course.save()
        _assign(learner, course, due_in_days=n, source=Enrollment.Source.RULE)
    client = login(learner)
    # The plain home's 15, plus three for prerequisites: links, courses, certificates.
    # +1: the unread-notifications count in the header.
    # +3: the observation step and tasks (observations' hooks), the open
    # survey invitations (surveys' learner tasks); +1: two languages (Wagtail's
    # i18n reads the site root's translations for the page URLs and the active
    # locale to route a page).
    # +n: the content locale's id, read from the database where it is used
    # (the catalogues offered in the reader's language are one of them).
    # +3: whether a course with nothing done has started (courses'
    # `started_enrollment_ids`: its own records, then observations' and
    # classroom's `enrollment_activity`).
    with django_assert_max_num_queries(32):
        page = client.get("/la-mia-formazione/")
    assert page.content.decode().count("course-card") == courses
    assert page.content.decode().count("richiede prima") == courses


@pytest.mark.parametrize("modules", [2, 8])
def test_course_page_with_a_prerequisite_and_order_stays_flat(
    login, learner, catalogue, modules, django_assert_max_num_queries
):
    base = make_course(catalogue, title="Base", modules=1)
    course = make_course(
        catalogue, title="Lungo", modules=modules, modules_in_order=True
    )
    course.required_courses.add(base)
    course.save()
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    # +1: the observation step (courses.completion_requirements); +1: two
    # languages (Wagtail's i18n reads the site root's translations for the page
    # URLs and the active locale to route a page).
    # +n: the content locale's id, read from the database where it is used.
    # +1: the course's sessions to come (classroom's `course_sections`).
    # +3: whether a course with nothing done has started (courses'
    # `started_enrollment_ids`: its own records, then observations' and
    # classroom's `enrollment_activity`).
    with django_assert_max_num_queries(33):
        page = client.get(course.url)
    assert page.content.decode().count("is-locked") == modules


def test_the_empty_home_offers_the_catalogue_once_in_the_readers_language(
    login, learner, catalogue
):
    english = translate(catalogue, title="Course catalogue", slug="courses")
    client = login(learner)
    html = client.get("/la-mia-formazione/").content.decode()
    assert html.count("Sfoglia il catalogo") == 1
    assert f'href="{catalogue.url}">Sfoglia il catalogo' in html

    learner.preferred_language = "en"
    learner.save()
    html = client.get("/la-mia-formazione/").content.decode()
    assert html.count("Browse the catalogue") == 1
    assert f'href="{english.url}">Browse the catalogue' in html


@pytest.mark.parametrize("attempts", [1, 4])
def test_course_page_lists_attempts_by_when_they_were_handed_in(
    login, learner, catalogue, attempts, django_assert_max_num_queries
):
    """The date the result page gives ("Consegnato il …"), not the start, in
    the reader's language: months in lower case in Italian."""
    from quizzes.models import Attempt

    course = make_course(
        catalogue, title="Quiz", modules=0, quiz=make_quiz(max_attempts=0)
    )
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for _ in range(attempts):
        take_quiz(client, course, wrong=5)
    handed_in = datetime.datetime(2026, 12, 7, 11, 14, tzinfo=datetime.UTC)
    Attempt.objects.update(
        started_at=handed_in - datetime.timedelta(minutes=8), submitted_at=handed_in
    )
    # The attempts are one query, however many (Rome is UTC+1 in December).
    with django_assert_max_num_queries(27):
        page = client.get(course.url).content.decode()
    assert page.count("Consegnato il 7 dicembre 2026, 12:14</a>") == attempts
    assert "12:06" not in page and "Dic" not in page
    result = client.get(f"/quiz/tentativi/{Attempt.objects.first().pk}/")
    assert "Consegnato il 7 dicembre 2026, 12:14." in result.content.decode()

    learner.preferred_language = "en"
    learner.save()
    page = client.get(course.url).content.decode()
    assert page.count("Submitted on 7 December 2026, 12:14</a>") == attempts


def test_an_english_reader_reads_the_certificate_dates_unmistakably(
    login, learner, course
):
    """08/12/2026 reads as 12 August to many English readers: the English
    table names the month; the Italian one keeps dd/mm/yyyy."""
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)
    certificate = learner.certificates.get()
    type(certificate).objects.filter(pk=certificate.pk).update(
        issued_at=datetime.datetime(2026, 12, 8, 10, tzinfo=datetime.UTC),
        expires_at=datetime.date(2027, 12, 8),
    )
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    page = client.get("/la-mia-formazione/").content.decode()
    assert "<td>8 Dec 2026</td>" in page and "<td>8 Dec 2027</td>" in page
    assert "08/12/202" not in page


def test_italian_days_take_their_article(login, learner, course):
    """ "rilasciato il 8 dicembre" is wrong Italian: the eighth takes "l'"
    (`words.on_day`), on the course page and on the quiz's result."""
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for module in course_modules(course=course):
        client.post(f"/moduli/{module.pk}/completa/")
    take_quiz(client, course)
    eighth = datetime.datetime(2026, 12, 8, 9, 30, tzinfo=datetime.UTC)
    certificate = learner.certificates.get()
    type(certificate).objects.filter(pk=certificate.pk).update(issued_at=eighth)
    certificate.attempt.__class__.objects.filter(pk=certificate.attempt_id).update(
        submitted_at=eighth
    )
    page = client.get(course.url).content.decode()
    assert "Certificato rilasciato l'8 dicembre 2026." in page
    assert "Consegnato l'8 dicembre 2026, 10:30" in page
    result = client.get(f"/quiz/tentativi/{certificate.attempt_id}/").content.decode()
    assert "Consegnato l'8 dicembre 2026, 10:30." in result
    assert " il 8 " not in page + result
