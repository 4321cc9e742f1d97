"""Certificates' signals, declared once, with `sender="certificates"`. The two
events are sent after the transaction that changed the certificate has committed
(a receiver that fails is logged and undoes nothing); the hook is sent while a
credential is built. Higher apps (courses, certifications) answer through them,
so `certificates` never imports them."""

from django.dispatch import Signal

from lms.events import Event

certificate_issued = Event()
"""Sent after a certificate was issued (a completion, a renewal, a reissue),
with `certificate`. Receivers refresh what they derive from certificates."""

certificate_status_changed = Event()
"""Sent after a certificate's status changed (revoked, reinstated, superseded,
expired), with `certificate`, `previous` (the old status) and `action`
("revoke", "reinstate", "supersede", "expire")."""

badge_achievement = Signal()
"""Hook, sent while the Open Badges 3.0 credential of a certificate is built,
before it is signed (`badges.build_credential`), with ``certificate`` (with its
course and attempt).

Receivers return a dict with any of these keys, or None:

- ``certifications``: a list of the names of the certifications the course
  confers or renews;
- ``description``: a sentence about the course, in the holder's language (the
  signal is sent with that language active).

Receivers only read: the credential is signed once and kept, so what they
return becomes part of a signed document.
"""

certificate_document = Signal()
"""Hook, sent while the PDF page of a certificate with a course is built
(`pdf.certificate_page`), with ``certificate``, in the holder's language.

Receivers return a dict with ``certifications`` (a list of the names of the
certifications the course confers or renews), or None. Receivers only read:
the page becomes a signed document."""
