"""The admin explorer shows a course's modules as learners meet them."""

import re

from courses.selectors import course_modules


def test_the_explorer_lists_a_courses_modules_in_course_order(login, trainer, course):
    first, second, third = course_modules(course=course)
    # Edited first to last: Wagtail's default order (latest edit first) would
    # show them as 3, 2, 1.
    for module in (first, second, third):
        module.title = f"{module.title} (rivisto)"
        module.save_revision(user=trainer)

    page = login(trainer).get(f"/admin/pages/{course.pk}/").content.decode()

    shown = re.findall(r"Modulo (\d) di Fondamenti del servizio \(rivisto\)", page)
    assert list(dict.fromkeys(shown)) == ["1", "2", "3"]
