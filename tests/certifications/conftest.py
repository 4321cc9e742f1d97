import pytest

from people import roles
from tests.builders import make_certification, make_course, make_user


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
