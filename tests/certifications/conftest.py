from datetime import UTC, datetime

import pytest
import time_machine

from people import roles
from tests.builders import make_certification, make_course, make_user


@pytest.fixture
def travel():
    """travel(date) moves the clock to 10:00 UTC of that day, until the test ends."""
    travellers = []

    def _travel(day):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(
            datetime(day.year, day.month, day.day, 10, tzinfo=UTC), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield _travel
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit work (status refresh, e-mails) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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
