import pytest

from people import roles

# The API tests' token, client and company, for /api/v1/observations.
from tests.api.test_api import api, company, token  # noqa: F401
from tests.builders import make_user


@pytest.fixture
def team(db):
    """A team leader and the agent they observe."""
    leader = make_user("capo@test.it", role=roles.LEARNER, first_name="Carla")
    agent = make_user("agente@test.it", role=roles.LEARNER, first_name="Anna")
    agent.manager = leader
    agent.save()
    return leader, agent
