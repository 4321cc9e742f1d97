"""Certificates' signals, declared once. Both are sent after the transaction
that changed the certificate has committed (a receiver that fails is logged and
undoes nothing), with `sender="certificates"`."""

from django.dispatch import Signal

certificate_issued = Signal()
"""Sent after a certificate was issued (a completion, a renewal, a reissue),
with `certificate`. Receivers refresh what they derive from certificates."""

certificate_status_changed = Signal()
"""Sent after a certificate's status changed (revoked, reinstated, superseded,
expired), with `certificate`, `previous` (the old status) and `action`
("revoke", "reinstate", "supersede", "expire")."""
