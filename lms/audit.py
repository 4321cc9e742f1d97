"""The audit trail is Wagtail's own log: every compliance event (a module
completed, an attempt graded, a certificate issued) is a log entry with who,
when and the data, shown in the admin under Reports → Site history. Services
import `log` from here so that the trail has one name across the project."""

from wagtail.log_actions import log

__all__ = ["log", "log_actions"]


def log_actions(entries):
    """The `register_log_actions` hook of an app: each entry is
    `(action, label)` or `(action, label, message)`, the label naming the
    action in the site history's filter and the message (the label when
    omitted) describing an entry."""

    def register(actions):
        for action, label, *message in entries:
            actions.register_action(action, label, message[0] if message else label)

    return register
