"""The admin's session list and messages in proper Italian: a status tag
instead of the field's raw True/False, and "Sessione «…» creata." with the
feminine ending Wagtail's generic message does not give it."""

import html
import re
from datetime import timedelta

from django.utils import timezone

from classroom.models import Session, SessionRequirement
from people.models import User
from tests.builders import PASSWORD, make_course

from .builders import make_session
from .test_admin import _form

LIST = "/admin/snippets/classroom/session/"


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def statuses(page: str) -> dict[str, str]:
    """The listing's rows: each row's title -> its last cell's words."""
    listing = page.split('<table class="listing', 1)[1]
    body = listing.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        title = re.search(r'_title">([^<]+)<', row).group(1)
        found[html.unescape(title).strip()] = text(
            re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1]
        )
    return found


def headers(page: str) -> list[str]:
    listing = page.split('<table class="listing', 1)[1].split("<tbody", 1)[0]
    return [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", listing, re.S)]


def test_the_session_list_shows_a_status_not_true_or_false(
    client, login, course, trainer, django_assert_max_num_queries
):
    make_session(course, trainer, title="Prossima")
    make_session(course, trainer, title="Annullata", cancelled=True)
    past = make_session(course, trainer, title="Passata")
    past.starts_at = timezone.now() - timedelta(days=3)
    past.ends_at = past.starts_at + timedelta(hours=2)
    past.save()
    for n in range(5):
        make_session(course, trainer, title=f"Altra {n}", days=10 + n)
    login(trainer)
    # The course and trainer of each row come with the rows.
    with django_assert_max_num_queries(13):
        response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert headers(page)[-1] == "Stato"
    status = statuses(page)
    assert "True" not in status.values() and "False" not in status.values()
    assert status["Prossima"] == "In programma"
    assert status["Annullata"] == "Annullata"
    assert status["Passata"] == "Conclusa"
    assert len(status) == 8
    assert page.count('<span class="w-status') >= len(status)


def test_the_session_list_headers_start_with_a_capital(client, login, course, trainer):
    """The start column's header is the field's name as the others are shown,
    "Inizio", not the lower-case verbose name "inizio"."""
    make_session(course, trainer, title="Prossima")
    login(trainer)
    page = client.get(LIST).content.decode()
    shown = [h for h in headers(page) if h]
    assert "Inizio" in shown
    assert all(h[0].isupper() for h in shown), shown


def test_creating_editing_and_deleting_say_so_in_the_feminine(
    client, login, course, trainer
):
    login(trainer)
    response = client.post(
        "/admin/snippets/classroom/session/add/", _form(course, trainer), follow=True
    )
    text = response.content.decode()
    assert "Sessione «Prove al banco» creata." in text
    assert "creato" not in text
    session = Session.objects.get()
    response = client.post(
        f"/admin/snippets/classroom/session/edit/{session.pk}/",
        _form(course, trainer, title="Prove in aula"),
        follow=True,
    )
    assert "Sessione «Prove in aula» aggiornata." in response.content.decode()
    login(User.objects.create_superuser(email="root@test.it", password=PASSWORD))
    response = client.post(
        f"/admin/snippets/classroom/session/delete/{session.pk}/", follow=True
    )
    assert "Sessione «Prove in aula» eliminata." in response.content.decode()
    assert not Session.objects.exists()


REQUIREMENTS = "/admin/snippets/classroom/sessionrequirement/"


def test_the_required_sessions_list_says_required_or_not_in_words(
    client, login, catalogue, lead, django_assert_max_num_queries
):
    def add(title, required):
        course = make_course(catalogue, title=title, modules=1, quiz=False)
        SessionRequirement.objects.create(course=course, required=required)

    add("Accoglienza", True)
    add("Reclami", False)
    login(lead)
    with django_assert_max_num_queries(12):
        assert client.get(REQUIREMENTS).status_code == 200
    for n in range(6):
        add(f"Altro corso {n}", n % 2 == 0)
    # The course of each row comes with the rows: as many queries for eight.
    with django_assert_max_num_queries(12):
        response = client.get(REQUIREMENTS)
    page = response.content.decode()
    assert headers(page)[-1] == "Sessione in aula"
    status = statuses(page)
    assert len(status) == 8
    assert status["Accoglienza"] == "Obbligatoria"
    assert status["Reclami"] == "Facoltativa"
    assert not {"True", "False", "Sì", "No"} & set(status.values())
    assert page.count('<span class="w-status') >= len(status)
    # And in English.
    client.post("/lingua/", {"language": "en", "next": REQUIREMENTS})
    page = client.get(REQUIREMENTS).content.decode()
    assert headers(page)[-1] == "Classroom session"
    assert statuses(page)["Accoglienza"] == "Required"
    assert statuses(page)["Reclami"] == "Optional"
