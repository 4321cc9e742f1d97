from datetime import UTC, datetime

import pytest
import time_machine

from people import roles
from tests.builders import PASSWORD, make_course, make_site, make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Each test gets its own media folder: PDFs never leak between tests.
    settings.MEDIA_ROOT = tmp_path / "media"
    # And its own private folder (uploaded employee files).
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    # Rate-limit counters (allauth's lock-outs, verification, the API) and
    # Wagtail's site root paths live in the cache, which outlives a test's
    # rolled-back transaction: nothing may leak from one test to the next. The
    # one autouse cache fixture of the suite.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(db):
    return make_site()


@pytest.fixture
def course(catalogue):
    return make_course(catalogue, title="Fondamenti del servizio", modules=3)


@pytest.fixture
def learner(db):
    return make_user("agente@test.it", role=roles.LEARNER)


@pytest.fixture
def trainer(db):
    return make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")


@pytest.fixture
def hr(db):
    return make_user("hr@test.it", role=roles.HR, first_name="Elena")


@pytest.fixture
def login(client):
    def _login(user):
        assert client.login(email=user.email, password=PASSWORD)
        return client

    return _login


@pytest.fixture
def lead(db):
    return make_user("responsabile@test.it", role=roles.LEAD_TRAINER, first_name="Lia")


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
