"""Published content remembered by each web process (content.tree) is forgotten
by all of them when any process changes it: the token that names it lives in
the Redis every process shares."""

import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.selectors import course_modules
from tests.ops.conftest import ROOT, manage


@pytest.fixture
def shared_cache(settings, shared_redis_url):
    """This process's cache on the shared Redis, as every process configured by
    REDIS_URL has it; returns that URL for the other process."""
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": shared_redis_url,
            "KEY_PREFIX": "lms",
        }
    }
    return shared_redis_url


def in_another_process(code: str, env: dict, redis_url: str) -> None:
    done = subprocess.run(
        manage("shell", "-c", code),
        cwd=ROOT,
        env=dict(env, REDIS_URL=redis_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


PUBLISH = (
    "from courses.models import ModulePage; "
    "m = ModulePage.objects.get(pk={pk}); "
    "m.body = [{{'type': 'paragraph', "
    "'value': '<p>Pubblicato da un altro processo.</p>'}}]; "
    "m.save_revision().publish()"
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_published_by_another_process_shows_on_the_next_page(
    client, shared_cache, process_env, learner, course
):
    client.force_login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    module = course_modules(course=course)[0]
    with CaptureQueriesContext(connection) as first:
        assert "Testo del modulo 1." in client.get(module.url).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert "Testo del modulo 1." in client.get(module.url).content.decode()
    assert len(second) <= len(first) - 4, "the content is reused through Redis"

    # A trainer publishes from another process (another web machine, the
    # scheduled-publishing job).
    in_another_process(PUBLISH.format(pk=module.pk), process_env, shared_cache)

    html = client.get(module.url).content.decode()
    assert "Pubblicato da un altro processo." in html
    assert "Testo del modulo 1." not in html


COMPLETE = (
    "from courses.models import ModulePage; from people.models import User; "
    "from courses.services import module_complete; "
    "module_complete(user=User.objects.get(pk={user}), "
    "module=ModulePage.objects.get(pk={module}))"
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_recorded_by_another_process_shows_on_the_next_page(
    client, shared_cache, process_env, learner, course
):
    client.force_login(learner)
    client.post(f"/corsi/{course.pk}/iscrizione/")
    assert "0 di 3 moduli" in client.get("/la-mia-formazione/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "0 di 3 moduli" in client.get("/la-mia-formazione/").content.decode()

    module = course_modules(course=course)[0]
    in_another_process(
        COMPLETE.format(user=learner.pk, module=module.pk), process_env, shared_cache
    )
    with CaptureQueriesContext(connection) as after:
        html = client.get("/la-mia-formazione/").content.decode()
    assert "1 di 3 moduli" in html
    assert len(after) > len(warm), "read again from the database"
