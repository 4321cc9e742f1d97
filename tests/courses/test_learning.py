import pytest
from wagtail.log_actions import registry as log_registry

from courses.models import Enrollment, ModuleCompletion, ModulePage
from courses.selectors import course_modules
from tests.builders import make_course


def test_anonymous_reader_is_sent_to_login_from_a_module(client, course):
    module = course_modules(course=course)[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_module_needs_enrolment(login, learner, course):
    client = login(learner)
    module = course_modules(course=course)[0]
    response = client.get(module.url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Iscriviti al corso per accedere" in response.content.decode()


def test_self_enrolment_is_recorded_once_and_audited(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    client.post(f"/corsi/{course.pk}/iscrizione/")
    enrollment = Enrollment.objects.get(user=learner, course=course)
    assert enrollment.source == Enrollment.Source.SELF
    entries = log_registry.get_logs_for_instance(enrollment)
    assert [e.action for e in entries] == ["lms.enrollment.create"]


def test_enrolment_needs_a_post_and_a_live_course(login, learner, course):
    client = login(learner)
    assert client.get(f"/corsi/{course.pk}/iscrizione/").status_code == 405
    course.unpublish()
    assert client.post(f"/corsi/{course.pk}/iscrizione/").status_code == 404
    assert client.post("/corsi/999999/iscrizione/").status_code == 404


def test_completing_modules_moves_progress_and_leads_to_the_next(
    login, learner, course
):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    first, second, third = course_modules(course=course)

    response = client.post(f"/moduli/{first.pk}/completa/")
    assert response["Location"] == second.url
    page = client.get(course.url).content.decode()
    # 1 of 3 modules plus the quiz = 1 of 4 steps, the same words everywhere.
    assert "1 di 4 passi" in page
    assert "1 di 4 passi" in client.get("/la-mia-formazione/").content.decode()
    assert "Continua" in page and second.title in page

    client.post(f"/moduli/{first.pk}/completa/")  # twice is harmless
    assert ModuleCompletion.objects.filter(enrollment__user=learner).count() == 1
    home = client.get("/la-mia-formazione/").content.decode()
    assert course.title in home and "1 di 4 passi" in home


def test_completing_a_module_without_enrolment_is_refused(login, learner, course):
    client = login(learner)
    module = course_modules(course=course)[0]
    response = client.post(f"/moduli/{module.pk}/completa/", follow=True)
    assert "Iscriviti al corso per accedere" in response.content.decode()
    assert not ModuleCompletion.objects.exists()


def test_unpublished_module_is_not_counted_or_reachable(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    first, second, third = course_modules(course=course)
    third.unpublish()
    assert client.get(third.url).status_code == 404
    assert client.post(f"/moduli/{third.pk}/completa/").status_code == 404
    for module in (first, second):
        client.post(f"/moduli/{module.pk}/completa/")
    assert "Inizia il quiz" in client.get(course.url).content.decode()


def test_module_renders_its_blocks(login, learner, catalogue):
    course = make_course(catalogue, title="Blocchi", modules=0)
    module = course.add_child(
        instance=ModulePage(
            title="Standard",
            slug="standard",
            body=[
                {"type": "heading", "value": "Parametri"},
                {"type": "paragraph", "value": "<p>La <b>prossemica</b>.</p>"},
                {
                    "type": "callout",
                    "value": {
                        "kind": "warning",
                        "title": "Mai",
                        "text": "<p>Urlare</p>",
                    },
                },
                {
                    "type": "key_points",
                    "value": {"title": "Da ricordare", "points": ["Uno", "Due"]},
                },
            ],
        )
    )
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    page = client.get(module.url).content.decode()
    assert '<h2 class="block-heading" id="parametri">Parametri</h2>' in page
    assert "<b>prossemica</b>" in page
    assert "callout--warning" in page and "Attenzione" in page and "Urlare" in page
    assert "<li>Uno</li>" in page and "Da ricordare" in page


@pytest.mark.parametrize("courses", [1, 6])
def test_learner_home_query_count_does_not_grow(
    login, learner, catalogue, courses, django_assert_max_num_queries
):
    client = login(learner)
    for n in range(courses):
        course = make_course(catalogue, title=f"Corso {n}", modules=3)
        client.post(f"/corsi/{course.pk}/iscrizione/")
        client.post(f"/moduli/{course_modules(course=course)[0].pk}/completa/")
    # +1: the policy changes that ask for a review.
    # +3: the observation step and tasks (observations' hooks), the open
    # survey invitations (surveys' learner tasks).
    # +n: the content locale's id, read from the database where it is used
    # (the catalogues offered in the reader's language are one of them).
    with django_assert_max_num_queries(23):
        page = client.get("/la-mia-formazione/")
    assert page.content.decode().count("course-card") == courses


@pytest.mark.parametrize("courses", [1, 6])
def test_catalogue_query_count_does_not_grow(
    login, learner, catalogue, courses, django_assert_max_num_queries
):
    client = login(learner)
    for n in range(courses):
        make_course(catalogue, title=f"Corso {n}", modules=2)
    # +2: Wagtail's i18n, the active locale for routing and the site root's
    # translations for the page URLs.
    # +n: the content locale's id, read from the database where it is used.
    with django_assert_max_num_queries(19):
        page = client.get(catalogue.url)
    assert page.content.decode().count("course-card") == courses


@pytest.mark.parametrize("modules", [2, 8])
# +1 each: the unread-notifications count in the header; +1 each: Wagtail's
# i18n reads the active locale to route the request; each with the step
# observations may add (courses.completion_requirements).
# +n: the content locale's id, read from the database where it is used.
# +1 on the course page: the sections apps above offer (classroom's sessions,
# courses.course_sections); +3 on the course page, whose status word asks
# whether a course with nothing done has started (`started_enrollment_ids`).
@pytest.mark.parametrize(("which", "limit"), [("course", 29), ("module", 26)])
def test_course_and_module_pages_query_count_does_not_grow(
    login, learner, catalogue, modules, which, limit, django_assert_max_num_queries
):
    course = make_course(catalogue, title="Lungo", modules=modules)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    url = course.url if which == "course" else course_modules(course=course)[0].url
    with django_assert_max_num_queries(limit):
        page = client.get(url)
    assert page.content.decode().count("module-list__item") == modules


@pytest.mark.parametrize("modules", [2, 8])
def test_completing_a_module_costs_a_fixed_number_of_queries(
    login, learner, catalogue, modules, django_assert_max_num_queries
):
    course = make_course(catalogue, title=f"Corso di {modules}", modules=modules)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    first, second = course_modules(course=course)[:2]
    # The same for any number of modules; the gate's progress asks no
    # requirement of the apps above (observations, sessions, policy reviews).
    # +n: the content locale's id, read from the database where it is used.
    with django_assert_max_num_queries(18):
        response = client.post(f"/moduli/{first.pk}/completa/")
    assert response["Location"] == second.url
    assert ModuleCompletion.objects.filter(enrollment__user=learner).count() == 1


@pytest.mark.parametrize("modules", [1, 6])
def test_completing_the_last_module_opens_the_quiz_in_a_fixed_number_of_queries(
    login, learner, catalogue, modules, django_assert_max_num_queries
):
    """The completion's own request says the quiz has opened from the progress
    the completion worked out under its lock, module included; the course page
    it leads to reads the progress afresh and shows the module done."""
    course = make_course(catalogue, title=f"Ultimo di {modules}", modules=modules)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    *earlier, last = course_modules(course=course)
    for module in earlier:
        client.post(f"/moduli/{module.pk}/completa/")
    # The completion's progress is read once, under the lock, without the
    # requirements of the apps above (which never close a module or the quiz).
    with django_assert_max_num_queries(19):
        response = client.post(f"/moduli/{last.pk}/completa/")
    assert response["Location"] == course.url
    page = client.get(course.url).content.decode()
    assert "Hai completato tutti i moduli: il quiz finale è aperto" in page
    assert f"{modules} di {modules + 1} passi" in page
    assert "Inizia il quiz" in page


def test_completing_the_last_module_with_one_left_behind_keeps_the_quiz_locked(
    login, learner, catalogue
):
    """In a course whose modules may be taken in any order, the last module
    done first says so, and the quiz stays closed until the one left is done."""
    course = make_course(catalogue, title="In ordine libero", modules=2)
    assert not course.modules_in_order
    first, second = course_modules(course=course)
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    client.post(f"/moduli/{second.pk}/completa/")
    page = client.get(course.url).content.decode()
    assert f"Modulo «{second.title}» completato." in page
    assert "il quiz finale è aperto" not in page
    assert "Inizia il quiz" not in page
    assert "1 di 3 passi" in page

    client.post(f"/moduli/{first.pk}/completa/")
    page = client.get(course.url).content.decode()
    assert "Inizia il quiz" in page and "2 di 3 passi" in page
