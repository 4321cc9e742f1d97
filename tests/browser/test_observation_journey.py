"""Observed practice end to end: the team leader, on a phone, records an
observation of the agent beside her; the agent acknowledges it; the course's
certificate is issued once the quiz and the observation are both done."""

from certificates.models import Certificate
from observations.models import Observation
from people import roles
from tests.browser.a11y import assert_accessible, assert_fits
from tests.browser.menu import go_to, open_menu
from tests.browser.sign_in import sign_in_to_home
from tests.builders import PASSWORD, finish_course, make_course, make_site, make_user
from tests.observations.builders import (
    make_checklist,
    observe_twice,
    require_observation,
)


def _sign_in_again(page, email):
    """Out with the header's button, in again through the "Accedi" link."""
    open_menu(page)
    page.get_by_role("button", name="Esci").click()
    open_menu(page)
    page.get_by_role("link", name="Accedi").first.click()
    page.get_by_label("Indirizzo e-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.get_by_role("heading", name="La mia formazione").wait_for()


def test_team_leader_observes_agent_acknowledges_certificate_issued(page):
    catalogue = make_site()
    course = make_course(catalogue, title="Inserimento", modules=1)
    require_observation(course)
    make_checklist("Sportello")
    leader = make_user(
        "capo@test.it", role=roles.LEARNER, first_name="Carla", last_name="Capo"
    )
    agent = make_user(
        "agente@test.it", role=roles.LEARNER, first_name="Anna", last_name="Ricci"
    )
    agent.manager = leader
    agent.save()
    # The agent has passed the quiz: the certificate waits for the observation.
    finish_course(agent, course)
    assert not Certificate.objects.filter(user=agent).exists()

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_to_home(page, "capo@test.it")
    go_to(page, "Osservazioni")
    page.get_by_role("link", name="Da osservare").click()
    waiting = page.locator(".card", has_text="Anna Ricci")
    assert "Inserimento" in waiting.inner_text()
    assert_accessible(page, where="the observer's to-do list")
    waiting.get_by_role("button", name="Osserva").click()

    page.get_by_role("heading", name="Osservazione di Anna Ricci").wait_for()
    assert_fits(page, where="the observation form on a phone")
    criteria = page.locator("fieldset.obs-criterion")
    assert criteria.count() == 6
    for index in range(criteria.count()):
        # The highest level of each criterion, with a tap on its label.
        criteria.nth(index).locator("label").last.click()
    page.get_by_label("Commento su «Sicurezza»").fill("Identità verificata subito.")
    page.get_by_label("Punti di forza").fill("Accoglienza cordiale.")
    page.get_by_label("Una cosa da migliorare").fill("Riassumere la richiesta.")
    assert_accessible(page, where="the observation form")
    page.get_by_role("button", name="Invia l'osservazione").click()
    page.get_by_text("Osservazione inviata: superata (100%).").wait_for()

    observation = Observation.objects.get(agent=agent)
    assert observation.passed and observation.state == Observation.State.SUBMITTED
    # Quiz and observation both done: the same issuing service gave the
    # certificate.
    certificate = Certificate.objects.get(user=agent, course=course)
    assert certificate.status == Certificate.Status.VALID

    _sign_in_again(page, "agente@test.it")
    page.get_by_role("link", name="Prendi visione").click()
    page.get_by_role("heading", name="Sportello").wait_for()
    assert "Riassumere la richiesta." in page.content()
    page.get_by_label("Il tuo commento (facoltativo)").fill("Grazie, ci lavoro.")
    assert_accessible(page, where="the agent's observation")
    page.get_by_role("button", name="Ho letto l'osservazione").click()
    page.get_by_text("Hai preso visione dell'osservazione.").wait_for()
    observation.refresh_from_db()
    assert observation.state == Observation.State.ACKNOWLEDGED
    assert observation.agent_comment == "Grazie, ci lavoro."

    go_to(page, "La mia formazione")
    card = page.locator(".course-card", has_text="Inserimento")
    assert "In attesa di osservazione" not in card.inner_text()
    assert card.get_by_role("link", name="Scarica il certificato").is_visible()
    go_to(page, "Osservazioni")
    page.get_by_role("heading", name="Andamento per parametro").wait_for()
    assert_accessible(page, where="the agent's observations and trends")


def test_the_agent_reads_each_day_under_its_dot(page):
    """Two observations: in every parameter's chart the two dots and their
    days stand inside the chart, each day centred under its dot (Italian's
    decimal comma once threw the dots into the corner and broke the days
    into digits, and the last day ran off the chart's edge)."""
    make_site()
    leader = make_user("capo@test.it", role=roles.LEARNER, first_name="Carla")
    agent = make_user("agente@test.it", role=roles.LEARNER, manager=leader)
    observe_twice(leader, agent)
    sign_in_to_home(page, "agente@test.it")
    go_to(page, "Osservazioni")
    page.get_by_role("heading", name="Andamento per parametro").wait_for()

    charts = page.locator(".obs-trend svg")
    assert charts.count() == 6
    for chart in charts.all():
        box = chart.bounding_box()
        dots = [d.bounding_box() for d in chart.locator(".chart__dot").all()]
        days = chart.locator("text.chart__label", has_text="/")
        assert days.all_text_contents() == ["04/12", "07/12"]
        for dot, label in zip(
            dots, (d.bounding_box() for d in days.all()), strict=True
        ):
            for item in (dot, label):
                assert box["x"] <= item["x"] and (
                    item["x"] + item["width"] <= box["x"] + box["width"]
                ), (item, box)
            middle = dot["x"] + dot["width"] / 2
            assert abs(label["x"] + label["width"] / 2 - middle) < 2, (dot, label)
        assert dots[0]["x"] < dots[1]["x"] and dots[0]["y"] > dots[1]["y"]
