"""Certifications' signals, declared once; both sent after the transaction that
caused them has committed (a receiver that fails is logged and undoes nothing),
with `sender="certifications"`."""

from lms.events import Event

certification_status_changed = Event()
"""Sent after the summary table changed, with `differences` (a list of
`certifications.services.Difference`: user, certification, stored and derived
status). Receivers that show or count statuses refresh what they keep."""

policy_change_published = Event()
"""Sent after a lead trainer marked a module's published revision as a policy
change, with `changes` (the `PolicyChange` rows, one per certification the
module's course grants). Receivers announce the review to whoever it
concerns."""
