import pytest

from certifications.policy import policy_change_mark
from people import roles
from tests.builders import (
    make_certification,
    make_course,
    make_user,
    pass_course,
    publish_new_text,
)


@pytest.fixture
def onboarding(catalogue):
    return make_course(catalogue, title="Inserimento", modules=2)


@pytest.fixture
def refresher(catalogue):
    return make_course(catalogue, title="Aggiornamento", modules=1, kind="refresher")


@pytest.fixture
def certification(onboarding, refresher):
    return make_certification(onboarding, refresher)


@pytest.fixture
def agent(db):
    return make_user("agente@test.it", role=roles.LEARNER)


@pytest.fixture
def agent_passes(agent, onboarding, travel, commit):
    """agent_passes(day, course=onboarding, **kwargs): on `day` the agent passes
    `course` through the services, with what runs on commit (status row,
    e-mails); returns the certificate."""

    def _passes(day, course=None, **kwargs):
        travel(day)
        with commit():
            return pass_course(agent, course or onboarding, **kwargs)

    return _passes


@pytest.fixture
def mark_policy(lead, travel, commit):
    """mark_policy(module, note, on=None, text=None): on `on` (travelling
    there, if given) the lead trainer publishes `text` as the module's new
    paragraph (if given) and marks the module's last published change as a
    change of policy, due in 30 days, with what runs on commit (statuses,
    notices); returns the one change it made."""

    def _mark(module, note, on=None, text=None):
        if on is not None:
            travel(on)
        if text is not None:
            publish_new_text(module, lead, text)
        with commit():
            (change,) = policy_change_mark(
                module=module, note=note, due_days=30, user=lead
            )
        return change

    return _mark
