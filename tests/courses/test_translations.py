"""Courses in two languages: an English reader is shown the English pages
where they exist and the Italian ones otherwise, and every record (enrolment,
completions, answers, certificate) belongs to the Italian original, so
progress made in one language shows in the other."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import Enrollment, ModuleCompletion, ModulePage
from courses.selectors import published_courses
from courses.services import enrollment_create
from people import roles
from tests.builders import knowledge_check, make_course, make_module, make_user
from tests.builders import translate as translate_page


@pytest.fixture
def english(db):
    return make_user(
        "agent@test.it", role=roles.LEARNER, first_name="Jane", preferred_language="en"
    )


@pytest.fixture
def bilingual(catalogue):
    """A course with a knowledge check in module 1, translated with its two
    modules; and a second course nobody has translated."""
    course = make_course(catalogue, title="Fondamenti", modules=0)
    first = make_module(
        course,
        title="Che cos'è il servizio",
        slug="servizio",
        body=[
            ("paragraph", "<p>Il servizio è una relazione.</p>"),
            ("knowledge_check", knowledge_check("Che cosa conta?", correct=1)),
        ],
    )
    second = make_module(course, title="I canali", slug="canali")
    english_course = translate_page(
        course, title="Customer service basics", summary="The basics, in English."
    )
    english_first = translate_page(
        first,
        title="What service is",
        body=[
            {
                "type": block.block_type,
                "id": block.id,
                "value": block.block.get_prep_value(block.value),
            }
            for block in first.body
        ],
    )
    english_second = translate_page(second, title="The channels")
    other = make_course(catalogue, title="Solo in italiano", modules=1)
    return {
        "course": course,
        "first": first,
        "second": second,
        "en_course": english_course,
        "en_first": english_first,
        "en_second": english_second,
        "other": other,
    }


def test_the_english_learner_sees_the_english_course_and_modules(
    login, english, bilingual
):
    client = login(english)
    course, en_course = bilingual["course"], bilingual["en_course"]
    # One address for both languages: the page tree walked is the reader's.
    assert en_course.url == course.url
    catalogue = client.get(course.get_parent().url).content.decode()
    assert "Customer service basics" in catalogue
    assert "Fondamenti" not in catalogue
    # Nobody translated this one: the English reader gets the Italian course.
    assert "Solo in italiano" in catalogue

    page = client.get(course.url).content.decode()
    assert "Customer service basics" in page
    assert "What service is" in page and "The channels" in page
    assert "I canali" not in page

    italian = client.get(bilingual["other"].url).content.decode()
    assert "Solo in italiano" in italian


def test_the_italian_learner_still_sees_the_italian_course(login, learner, bilingual):
    client = login(learner)
    page = client.get(bilingual["course"].url).content.decode()
    assert "Fondamenti" in page and "I canali" in page
    assert "Customer service basics" not in page


def test_enrolling_from_the_english_page_enrols_in_the_original(
    login, english, bilingual
):
    client = login(english)
    client.post(reverse("courses:enrol", args=[bilingual["en_course"].pk]))
    enrollment = Enrollment.objects.get(user=english)
    assert enrollment.course_id == bilingual["course"].pk
    # A service called with the translation enrols in the original too.
    assert enrollment_create(user=english, course=bilingual["en_course"]) == enrollment


def test_progress_made_in_english_shows_in_italian_and_back(login, english, bilingual):
    enrollment_create(user=english, course=bilingual["course"])
    client = login(english)
    en_first = bilingual["en_first"]
    page = client.get(en_first.url).content.decode()
    assert "What service is" in page
    block_id = next(b.id for b in en_first.body if b.block_type == "knowledge_check")
    client.post(
        reverse("courses:answer_knowledge_check", args=[en_first.pk, block_id]),
        {"option": 1},
    )
    response = client.post(reverse("courses:complete_module", args=[en_first.pk]))
    # On to the next module, in English.
    assert response.url == bilingual["en_second"].url
    completion = ModuleCompletion.objects.get()
    assert completion.module_id == bilingual["first"].pk

    english.preferred_language = "it"
    english.save()
    page = client.get(bilingual["course"].url).content.decode()
    assert "Fondamenti" in page
    assert "1 di 3" in page  # one of two modules and the quiz

    # Done in Italian, shown done in English.
    client.post(reverse("courses:complete_module", args=[bilingual["second"].pk]))
    english.preferred_language = "en"
    english.save()
    page = client.get(bilingual["course"].url).content.decode()
    assert "Customer service basics" in page
    assert "2 of 3" in page


def test_the_learner_home_shows_courses_in_the_learner_language(
    login, english, bilingual
):
    enrollment_create(user=english, course=bilingual["course"])
    enrollment_create(user=english, course=bilingual["other"])
    page = login(english).get(reverse("courses:my_training")).content.decode()
    assert "Customer service basics" in page
    assert "Solo in italiano" in page


def test_a_translation_keeps_the_checks_of_the_original(bilingual):
    en_first = ModulePage.objects.get(pk=bilingual["en_first"].pk)
    en_first.body = [{"type": "paragraph", "value": "<p>No check here.</p>"}]
    with pytest.raises(ValidationError) as error:
        en_first.full_clean()
    assert "body" in error.value.message_dict
    # Translating the texts is fine.
    en_first = ModulePage.objects.get(pk=bilingual["en_first"].pk)
    en_first.title = "What customer service is"
    en_first.full_clean()


def test_a_course_is_listed_once_for_assignments(bilingual):
    assert list(published_courses()) == [bilingual["course"], bilingual["other"]]


def test_an_address_of_either_language_opens_the_reader_language(
    login, learner, english, catalogue
):
    course = make_course(catalogue, title="Fondamenti", modules=1)
    english_course = translate_page(course, title="Basics", slug="basics")
    assert english_course.url != course.url
    # The Italian reader following an English link gets the Italian course...
    page = login(learner).get(english_course.url).content.decode()
    assert "Fondamenti" in page and "Basics" not in page
    # ...and the English reader following an Italian one, the English course.
    page = login(english).get(course.url).content.decode()
    assert "Basics" in page


def test_search_finds_pages_in_the_reader_language(login, learner, english, bilingual):
    found = login(english).get("/cerca/", {"q": "channels"}).content.decode()
    assert "The channels" in found
    found = login(learner).get("/cerca/", {"q": "channels"}).content.decode()
    assert "The channels" not in found
    found = login(learner).get("/cerca/", {"q": "canali"}).content.decode()
    assert "I canali" in found


def test_a_locked_module_names_the_one_to_complete_in_english(
    login, english, bilingual
):
    """In a course taken in order, the note on a locked module (the course
    page's list, and the module's own page) names the module that opens it as
    the reader sees it in the list above: its English title."""
    course = bilingual["course"]
    course.modules_in_order = True
    course.save_revision().publish()
    client = login(english)
    client.post(f"/corsi/{course.pk}/iscrizione/")

    page = client.get(course.url).content.decode()
    assert "this module opens once you complete “What service is”" in page
    assert "Che cos&#x27;è il servizio" not in page

    body = client.get(bilingual["second"].url).content.decode()
    assert "this module opens once you complete “What service is”" in body
    assert "Che cos&#x27;è il servizio" not in body


def test_search_shows_a_translated_page_once_in_the_reader_language(
    login, english, bilingual
):
    """A word both versions share ("feedback", a name) found the English page
    and its Italian original side by side; the English reader gets the English
    one only, and still the Italian pages nobody translated."""
    found = login(english).get("/cerca/", {"q": "Sommario"}).content.decode()
    assert "Solo in italiano" in found  # untranslated: the original is shown
    assert "Fondamenti" not in found  # translated: only "Customer service basics"
