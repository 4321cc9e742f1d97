"""The production session store (lms.sessions): Django's cached_db, writing a
login's session once, and without the database check of a new key before its
insert."""

from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import PASSWORD


def _session_writes(queries) -> list[str]:
    return [
        q["sql"].split()[0]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


def test_a_login_writes_its_session_once_and_asks_nothing_about_the_new_key(
    client, learner, settings
):
    settings.SESSION_ENGINE = "lms.sessions"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/account/login/", {"login": learner.email, "password": PASSWORD}
        )
    assert response.status_code == 302
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if "django_session" in sql]
    assert _session_writes(queries) == ["INSERT"]
    # Signed in on the next page, read back through the cache and the database.
    assert client.get("/la-mia-formazione/").status_code == 200
    cache.clear()  # and from the database alone when the cache is emptied
    assert client.get("/la-mia-formazione/").status_code == 200


def test_a_login_replaces_the_session_key_it_arrived_with(client, learner, settings):
    """Session fixation: a key planted before the login is worthless after it,
    and what the session held before the login is kept under the new key."""
    settings.SESSION_ENGINE = "lms.sessions"
    before = client.session
    before["lingua_scelta"] = "en"
    before.save()
    planted = before.session_key
    assert Session.objects.filter(session_key=planted).exists()

    response = client.post(
        "/account/login/", {"login": learner.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key and new_key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert client.session["lingua_scelta"] == "en"
    assert client.get("/la-mia-formazione/").status_code == 200
    # The planted key signs nobody in.
    client.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert client.get("/la-mia-formazione/").status_code == 302
