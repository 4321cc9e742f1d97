"""The transcript says where each unfinished course stands in the words of HR's
training status page, not "In corso" for all."""

from datetime import date

from courses.models import Enrollment
from courses.selectors import course_modules
from courses.services import enrollment_create
from tests.builders import make_course, make_user


def _row(page: str, marker: str) -> str:
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def test_unfinished_courses_show_the_training_status_words(
    login, hr, catalogue, travel, commit
):
    travel(date(2026, 3, 1))
    agent = make_user("agente@test.it")
    waiting = make_course(catalogue, title="Mai aperto", slug="mai-aperto")
    late = make_course(catalogue, title="Scaduto il termine", slug="in-ritardo")
    started = make_course(catalogue, title="A metà strada", slug="a-meta")
    with commit():
        for course, due in (
            (waiting, date(2026, 6, 30)),
            (late, date(2026, 2, 20)),
            (started, None),
        ):
            enrollment_create(
                user=agent, course=course, source=Enrollment.Source.MANUAL, due_date=due
            )
    client = login(agent)
    client.post(f"/moduli/{course_modules(course=started)[0].pk}/completa/")

    client = login(hr)
    status = client.get("/hr/stato-formazione/").content.decode()
    row = _row(status, agent.email)
    for words in ("Non iniziato", "In ritardo", "In corso"):
        assert words in row
    page = client.get(f"/hr/storico/{agent.pk}/").content.decode()
    courses = page[page.index("<h2>Corsi</h2>") :]
    waiting_row = _row(courses, "<td>Mai aperto</td>")
    assert "Non iniziato" in waiting_row and "In corso" not in waiting_row
    assert "scadenza 30 giugno 2026" in waiting_row
    assert "In ritardo" in _row(courses, "<td>Scaduto il termine</td>")
    assert "In corso" in _row(courses, "<td>A metà strada</td>")
    # The PDF prints the same body.
    assert client.get(f"/hr/storico/{agent.pk}/pdf/").status_code == 200


def test_a_due_date_is_called_a_due_date_in_english(login, hr, learner):
    # "Scadenza" is the date a course or certification is due by; its English
    # said "Expiry date", which is when a certificate stops being valid.
    hr.preferred_language = "en"
    hr.save()
    client = login(hr)
    for url in (f"/hr/storico/{learner.pk}/", "/admin/assegnazioni/"):
        page = client.get(url).content.decode()
        assert "Expiry date" not in page
    assert "Due date" in client.get(f"/hr/storico/{learner.pk}/").content.decode()
