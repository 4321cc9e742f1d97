"""The production session store (lms.sessions): Django's cached_db without the
database check of a new key before its insert."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import PASSWORD


def test_a_login_keeps_the_session_and_asks_nothing_about_the_new_key(
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
    assert any(
        q["sql"].startswith("INSERT") and "django_session" in q["sql"] for q in queries
    )
    # Signed in on the next page, read back through the cache and the database.
    assert client.get("/la-mia-formazione/").status_code == 200
    cache.clear()  # and from the database alone when the cache is emptied
    assert client.get("/la-mia-formazione/").status_code == 200
