"""A course that requires a passed observation: the learner's home shows the
step, the certificate waits for it, and whichever comes last (the quiz or the
observation) issues it through the one issuing service."""

import datetime

from django.utils import timezone

from certificates.models import Certificate
from courses import selectors as course_selectors
from courses import services as course_services
from people import roles
from tests.builders import finish_course, make_user, pass_course
from tests.observations.builders import (
    make_checklist,
    observe,
    require_observation,
)


def test_the_certificate_waits_for_the_observation(team, course, client, commit):
    leader, agent = team
    require_observation(course)
    checklist = make_checklist()
    with commit():
        finish_course(agent, course)
    assert not Certificate.objects.filter(user=agent).exists()

    client.force_login(agent)
    home = client.get("/la-mia-formazione/").content.decode()
    assert "In attesa di osservazione" in home

    # A failed observation does not count.
    with commit():
        observe(leader, agent, checklist, level=1)
    assert not Certificate.objects.filter(user=agent).exists()
    with commit():
        observe(leader, agent, checklist, level=3)
    certificate = Certificate.objects.get(user=agent, course=course)
    assert certificate.status == Certificate.Status.VALID
    home = client.get("/la-mia-formazione/").content.decode()
    assert "In attesa di osservazione" not in home


def test_an_observation_first_and_the_quiz_last_issue_it_too(team, course, commit):
    leader, agent = team
    require_observation(course)
    with commit():
        observe(leader, agent, make_checklist(), level=3)
        certificate = pass_course(agent, course)
    assert certificate.course_id == course.pk


def test_only_recent_observations_on_the_named_checklist_count(team, course, travel):
    leader, agent = team
    counter, phone = make_checklist("Sportello"), make_checklist("Telefono")
    require_observation(course, count=1, within_days=30, checklist=counter)
    enrollment = course_services.enrollment_create(user=agent, course=course)
    today = timezone.localdate()

    def step():
        progress = course_selectors.enrollment_progress(enrollment=enrollment)
        (requirement,) = progress.steps
        return requirement

    assert step().label == "Osservazione sul lavoro"
    assert not step().met
    observe(leader, agent, phone, level=3)
    assert not step().met  # another checklist
    observe(leader, agent, counter, level=3)
    assert step().met
    # Forty days later it no longer counts: the behaviour must be recent.
    travel(today + datetime.timedelta(days=40))
    assert not step().met


def test_the_requirement_answers_in_a_fixed_number_of_queries(catalogue, trainer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_course

    checklist = make_checklist()
    courses = [make_course(catalogue, title=f"Corso {n}", modules=1) for n in range(3)]
    for course in courses:
        require_observation(course)

    def queries_for(count):
        agents = []
        for n in range(count):
            agent = make_user(f"a{count}-{n}@test.it", role=roles.LEARNER)
            for course in courses:
                course_services.enrollment_create(user=agent, course=course)
            observe(trainer, agent, checklist, level=3)
            agents.append(agent.pk)
        with CaptureQueriesContext(connection) as captured:
            matrix = course_selectors.progress_matrix(user_ids=agents, courses=courses)
        assert all(p.steps[0].met for p in matrix.values())
        return len(captured)

    assert queries_for(1) == queries_for(6)
