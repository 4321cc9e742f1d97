"""Domain events: signals sent once the transaction that caused them commits.

A service announces what happened (an attempt graded, a certificate issued)
without knowing who listens. Sent after the commit, a rolled-back change
announces nothing; sent with `robust=True`, a receiver that fails is logged by
Django and undoes nothing that was already committed. Hooks, which take part in
a decision inside the transaction, stay plain `Signal`s.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal


class Event(Signal):
    def send_on_commit(self, sender: str, **named) -> None:
        """Send once the current transaction commits (at once outside one).
        The arguments are bound now, so a caller in a loop sends each its own."""
        transaction.on_commit(partial(self.send, sender=sender, **named), robust=True)
