"""The production session store: Django's cached_db, one query lighter per login.

Django asks the database whether a freshly drawn session key is taken before it
inserts the session. The insert itself already refuses a taken key, and Django
then draws again (`CreateError`), so the question only guards against a
collision of two random 32-character keys, which never happens; it cost a query
on every login.
"""

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import get_random_string


class SessionStore(cached_db.SessionStore):
    def _get_new_session_key(self):
        return get_random_string(32, VALID_KEY_CHARS)
