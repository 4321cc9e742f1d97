"""The demo's observed practice: a checklist on the six parameters, two
observations of the demo agent (one passed), the onboarding requiring one."""

from django.core.management import call_command

from courses.models import CoursePage
from courses.selectors import user_course_progress
from observations.models import Checklist, Observation, ObservationRequirement
from people.models import User
from tests.observations.builders import SIX


def test_demo_observations(db, client):
    call_command("load_demo_data")
    counts = (Checklist.objects.count(), Observation.objects.count())
    call_command("load_demo_data")
    assert (Checklist.objects.count(), Observation.objects.count()) == counts

    checklist = Checklist.objects.get()
    assert checklist.live and checklist.live_revision_id
    assert {c.group for c in checklist.criteria.all()} == set(SIX)
    assert checklist.criteria.filter(critical=True, group="Sicurezza").exists()

    agent = User.objects.get(email="agente@example.com")
    observations = Observation.objects.filter(agent=agent).order_by("observed_on")
    assert [o.passed for o in observations] == [False, True]
    assert observations[0].state == Observation.State.ACKNOWLEDGED
    assert observations[0].observer.email == "responsabile.team@example.com"

    onboarding = CoursePage.objects.get(slug="fondamenti-del-servizio-clienti")
    assert ObservationRequirement.objects.get().course_id == onboarding.pk
    progress = user_course_progress(user=agent, course=onboarding)
    (step,) = progress.steps
    assert step.label == "Osservazione sul lavoro" and step.met

    # The agent reads the new observation from the home and sees the trend.
    assert client.login(email="agente@example.com", password="demo-agente-2026")
    home = client.get("/la-mia-formazione/").content.decode()
    assert f"/osservazioni/{observations[1].pk}/" in home
    mine = client.get("/osservazioni/").content.decode()
    assert "<polyline" in mine and "Sicurezza" in mine
