import pytest

from people.models import User
from tests.builders import PASSWORD


@pytest.fixture
def boss(db):
    """A superuser: the one who may change what HR may not."""
    return User.objects.create_superuser(
        email="root@test.it", password=PASSWORD, first_name="R", last_name="S"
    )


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client
