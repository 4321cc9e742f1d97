"""Signals the certificates app sends, declared once here.

Higher apps (courses, certifications) know things a certificate does not hold
itself; they answer through these signals, so that `certificates` never imports
them.
"""

from django.dispatch import Signal

badge_achievement = Signal()
"""Sent while the Open Badges 3.0 credential of a certificate is built, before
it is signed (`badges.build_credential`).

Arguments: ``certificate`` (a `Certificate`, with its course and attempt).

Receivers return a dict with any of these keys, or None:

- ``certifications``: a list of the names of the certifications the course
  confers or renews;
- ``description``: a sentence about the course, in the holder's language (the
  signal is sent with that language active).

Receivers only read: the credential is signed once and kept, so what they
return becomes part of a signed document.
"""
