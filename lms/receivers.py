"""Connecting one receiver to the saves and deletes of several models."""

from django.db.models.signals import post_delete, post_save


def on_save_or_delete(receiver, *models, uid: str) -> None:
    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                receiver,
                sender=model,
                dispatch_uid=f"{uid}_{model._meta.label_lower}_{name}",
            )
