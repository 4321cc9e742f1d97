import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth keeps its rate limits in the cache, which outlives a test: the
    # lock-out tests must not lock out the next test's learner.
    cache.clear()
    yield
    cache.clear()
