"""The audit trail is Wagtail's own log: every compliance event (a module
completed, an attempt graded, a certificate issued) is a log entry with who,
when and the data, shown in the admin under Reports → Site history. Services
import `log` from here so that the trail has one name across the project."""

from wagtail.log_actions import log

__all__ = ["log"]
