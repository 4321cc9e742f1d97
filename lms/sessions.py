"""The production session store: Django's cached_db, with one write per login.

Django's login gives the session a new key at once (`cycle_key`, against session
fixation): it inserts the session under the new key there and then, and the
response updates the same row again with the signed-in user a moment later. That
is two transactions, each waiting for its commit to reach the disk, on every
login. Here the new key is only drawn when the response saves the session, so a
login inserts its session once. The old key is still deleted at once, and no
request can hold the new key before that insert. (Only the synchronous path is
changed: gunicorn's workers are WSGI; Django's async variant writes twice, as
before.)

Django also asks the database whether a freshly drawn key is taken before it
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

    def cycle_key(self):
        data = self._session
        key = self.session_key
        # Without a key, the save at the end of the request creates the row
        # (SessionBase.save → create) under a new key, data included.
        self._session_key = None
        self._session_cache = data
        self.modified = True
        if key:
            self.delete(key)
