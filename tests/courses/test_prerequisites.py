"""A course cannot require itself, nor close a chain of prerequisites back on
itself: nobody could ever open such a course."""

import pytest
from django.core.exceptions import ValidationError

from courses.models import CoursePage
from tests.builders import course_edit_form, make_course


def test_the_editor_refuses_a_course_that_requires_itself(login, lead, course):
    client = login(lead)
    url = f"/admin/pages/{course.pk}/edit/"
    revisions = course.revisions.count()
    response = client.post(url, course_edit_form(course, required=[course]))
    assert response.status_code == 200
    assert "Un corso non può essere propedeutico a se stesso." in (
        response.content.decode()
    )
    assert not CoursePage.objects.get(pk=course.pk).required_courses.exists()
    assert course.revisions.count() == revisions, "no draft was saved either"


def test_the_editor_names_the_cycle_it_refuses(login, lead, catalogue):
    first = make_course(catalogue, title="Accoglienza", modules=1)
    second = make_course(catalogue, title="Reclami", modules=1)
    third = make_course(catalogue, title="Fidelizzazione", modules=1)
    first.required_courses.add(second)
    first.save()
    second.required_courses.add(third)
    second.save()
    client = login(lead)

    response = client.post(
        f"/admin/pages/{third.pk}/edit/", course_edit_form(third, required=[first])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "I corsi propedeutici formano un ciclo" in page
    assert (
        "«Fidelizzazione» → «Accoglienza» → «Reclami» → «Fidelizzazione»"
        in page.replace("&laquo;", "«").replace("&raquo;", "»").replace("&rarr;", "→")
    )
    assert not CoursePage.objects.get(pk=third.pk).required_courses.exists()

    # A chain that does not come back is fine.
    response = client.post(
        f"/admin/pages/{first.pk}/edit/",
        course_edit_form(first, required=[second, third]),
    )
    assert response.status_code == 302
    assert set(CoursePage.objects.get(pk=first.pk).required_courses.all()) == {
        second,
        third,
    }


def test_a_three_course_cycle_is_refused_by_the_page_itself(catalogue):
    first = make_course(catalogue, title="Accoglienza", modules=0, quiz=False)
    second = make_course(catalogue, title="Reclami", modules=0, quiz=False)
    third = make_course(catalogue, title="Fidelizzazione", modules=0, quiz=False)
    first.required_courses.add(second)
    first.save()
    second.required_courses.add(third)
    second.save()

    third.required_courses = [first]
    with pytest.raises(ValidationError) as refused:
        third.full_clean()
    assert refused.value.message_dict["required_courses"] == [
        "I corsi propedeutici formano un ciclo e nessuno potrebbe iniziarli: "
        "«Fidelizzazione» → «Accoglienza» → «Reclami» → «Fidelizzazione». "
        "Togli uno di questi requisiti."
    ]

    first.required_courses = [second, third]
    first.full_clean()  # a chain that does not come back is fine
