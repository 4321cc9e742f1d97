"""A learner plays a module's scenario through the module page (no JavaScript:
forms and redirects; with it: the same URL answers with the new HTML); the path
is kept per enrolment, gates the module's completion, and adds up in the
trainers' summary."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from courses.models import ModuleCompletion, ScenarioRun
from courses.services import SCENARIO_MOVED_ON, SCENARIOS_PENDING
from tests.builders import make_module, make_user, scenario


@pytest.fixture
def module(course):
    return make_module(
        course,
        title="Il corriere",
        body=[("paragraph", "<p>Testo.</p>"), ("scenario", scenario())],
    )


@pytest.fixture
def enrolled(login, learner, course):
    client = login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    return client


def _url(module):
    return f"/moduli/{module.pk}/scenari/{module.body[1].id}/"


def _reply(client, module, step, choice, **extra):
    return client.post(_url(module), {"step": step, "choice": choice}, **extra)


def test_a_good_path_then_a_fresh_start(enrolled, module, learner):
    html = enrolled.get(module.url).content.decode()
    assert "Nessuno mi ha chiamato. E adesso?" in html
    assert html.count('name="choice"') == 2
    assert "content/js/scenario.js" in html

    response = _reply(enrolled, module, "inizio", 1)
    assert response.status_code == 302
    assert response["Location"] == f"{module.url}#sc-{module.body[1].id}"
    html = enrolled.get(module.url).content.decode()
    # The reply, the customer's reaction and the coach's comment, then the next
    # step's line and its replies.
    assert "Mi dispiace, rimedio subito." in html
    assert "Reazione a «Mi dispiace, rimedio subito.»." in html
    assert "Commento su «Mi dispiace, rimedio subito.»." in html
    assert "Quando?" in html

    _reply(enrolled, module, "proposta", 0)
    html = enrolled.get(module.url).content.decode()
    assert re.search(r"Esito: <strong>Ottimo</strong>", html)
    assert "Ricomincia lo scenario" in html
    assert 'name="choice"' not in html
    run = ScenarioRun.objects.get(enrollment__user=learner)
    assert run.path == [["inizio", 1], ["proposta", 0]]
    assert run.ending == "ottimo" and run.finished_at is not None

    enrolled.post(_url(module), {"restart": "1"})
    html = enrolled.get(module.url).content.decode()
    assert "Esito" not in html and html.count('name="choice"') == 2
    assert ScenarioRun.objects.filter(enrollment__user=learner).count() == 2


def test_a_bad_path_ends_at_once(enrolled, module, learner):
    _reply(enrolled, module, "inizio", 0)
    html = enrolled.get(module.url).content.decode()
    assert "Deve chiamare il corriere." in html
    assert re.search(r"Esito: <strong>Da evitare</strong>", html)
    assert ScenarioRun.objects.get().ending == "da_evitare"


def test_replies_are_final_and_a_stale_page_is_told_so(enrolled, module):
    _reply(enrolled, module, "inizio", 1)
    # The same step again (another tab, a double click): refused, path intact.
    response = _reply(enrolled, module, "inizio", 0, follow=True)
    assert escape(str(SCENARIO_MOVED_ON)) in response.content.decode()
    assert ScenarioRun.objects.get().path == [["inizio", 1]]
    # Nonsense is refused with a message, never a 500.
    for choice in ("9", "x", ""):
        response = _reply(enrolled, module, "proposta", choice)
        assert response.status_code == 302
    assert ScenarioRun.objects.get().path == [["inizio", 1]]


def test_with_javascript_the_scenario_comes_back_as_html(enrolled, module):
    response = _reply(enrolled, module, "inizio", 1, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    html = response.json()["html"]
    assert html.lstrip().startswith('<section class="scenario-block"')
    assert "Reazione a «Mi dispiace, rimedio subito.»." in html
    assert 'name="csrfmiddlewaretoken"' in html and "Quando?" in html

    stale = _reply(enrolled, module, "inizio", 0, HTTP_ACCEPT="application/json")
    assert stale.status_code == 400
    assert stale.json()["error"] == str(SCENARIO_MOVED_ON)
    assert "Quando?" in stale.json()["html"]


def test_the_module_completes_only_once_the_scenario_is_finished(enrolled, module):
    response = enrolled.post(f"/moduli/{module.pk}/completa/", follow=True)
    assert escape(str(SCENARIOS_PENDING)) in response.content.decode()
    assert not ModuleCompletion.objects.filter(module=module).exists()
    _reply(enrolled, module, "inizio", 0)  # a bad ending still finishes it
    enrolled.post(f"/moduli/{module.pk}/completa/")
    assert ModuleCompletion.objects.filter(module=module).exists()


def test_only_enrolled_learners_play(client, login, module, trainer):
    response = _reply(
        login(trainer), module, "inizio", 1, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert not ScenarioRun.objects.exists()


def test_the_preview_shows_the_whole_graph(login, lead, module):
    response = login(lead).get(f"/admin/pages/{module.pk}/view_draft/")
    html = response.content.decode()
    assert 'name="choice"' not in html
    # Every reply of every step, with where it leads.
    assert "Continua dal passo «proposta»" in html
    assert "Scelga lei il giorno; la chiamano prima." in html
    assert "Domani, tra le 8 e le 18." in html


def _play(client, course, module, picks):
    client.post(f"/corsi/{course.pk}/iscrizione/")
    for step, choice in picks:
        _reply(client, module, step, choice)


def test_trainers_see_which_replies_agents_choose(
    client, login, trainer, course, module, django_assert_max_num_queries
):
    paths = [
        [("inizio", 1), ("proposta", 0)],
        [("inizio", 1), ("proposta", 1)],
        [("inizio", 0)],
    ]
    for number, picks in enumerate(paths):
        client.force_login(make_user(f"agente{number}@test.it"))
        _play(client, course, module, picks)
    client.logout()

    admin = login(trainer)
    index = admin.get("/admin/scenari/").content.decode()
    assert "Il corriere" in index
    with django_assert_max_num_queries(40):
        html = admin.get(f"/admin/scenari/modulo/{module.pk}/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Il corriere che non ha chiamato" in text
    assert "Agenti che l'hanno percorso 3" in text
    assert "Deve chiamare il corriere. 1 volta (33%)" in text
    assert "Mi dispiace, rimedio subito. 2 volte (67%)" in text
    assert "Scelga lei il giorno; la chiamano prima. 1 volta (50%)" in text
    assert "Esito «Ottimo» 1" in text and "Esito «Da evitare» 1" in text


def test_learners_cannot_read_the_summary(login, learner, module):
    # Signed in without the admin's access: refused, not sent round the sign-in.
    response = login(learner).get(f"/admin/scenari/modulo/{module.pk}/")
    assert response.status_code == 403


def test_the_summary_and_the_report_cost_the_same_queries_as_they_grow(
    login, trainer, course, module, django_assert_max_num_queries
):
    admin, agents = login(trainer), Client()

    def pages():
        for url in ("/admin/scenari/", f"/admin/scenari/modulo/{module.pk}/"):
            with django_assert_max_num_queries(30):
                assert admin.get(url).status_code == 200

    agents.force_login(make_user("uno@test.it"))
    _play(agents, course, module, [("inizio", 0)])
    pages()
    for number in range(6):
        make_module(course, title=f"Altro {number}", body=[("scenario", scenario())])
        agents.force_login(make_user(f"altro{number}@test.it"))
        _play(agents, course, module, [("inizio", 1), ("proposta", 1)])
    pages()
