"""The audit trail: Wagtail's own log, written without two needless reads.

Every compliance event (a module completed, an attempt graded, a certificate
issued) is a `ModelLogEntry`, so it shows in the admin's site history like
Wagtail's own. Wagtail saves each entry through `full_clean()`, which asks the
database whether the entry's content type and user exist: two queries for rows
the caller has just read, on every event, and a quiz submit writes three. Here
the entry is validated the same way except for those two lookups and inserted
directly; the foreign keys are still enforced by the database itself, so an
entry can never point at a missing row. Page entries (`PageLogEntry`) and
anything else Wagtail logs differently go through Wagtail's `log` unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, registry
from wagtail.log_actions import log as wagtail_log
from wagtail.models import ModelLogEntry


def log(instance, action: str, *, user=None, uuid=None, data=None, title=None, **extra):
    registry.scan_for_actions()
    if registry.get_log_model_for_instance(instance) is not ModelLogEntry or extra:
        return wagtail_log(
            instance, action, user=user, uuid=uuid, data=data, title=title, **extra
        )
    if instance.pk is None:
        raise ValueError(f"An audit entry needs a saved object, not {instance!r}.")
    context = get_active_log_context()
    entry = ModelLogEntry(
        content_type=ContentType.objects.get_for_model(
            instance, for_concrete_model=False
        ),
        object_id=str(instance.pk),
        label=title or ModelLogEntry.objects.get_instance_title(instance),
        action=action,
        timestamp=timezone.now(),
        data=data or {},
        user=user or context.user,
        uuid=uuid or context.uuid,
    )
    # Wagtail's validation (the action is registered, the label fits), less the
    # existence queries of the foreign keys.
    entry.clean_fields(exclude=["content_type", "user", "revision"])
    entry.clean()
    ModelLogEntry.objects.bulk_create([entry])
    return entry
