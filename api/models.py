import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_token(raw: str) -> str:
    # Tokens are 256 random bits: a plain SHA-256 is enough, no slow hash needed.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A credential another system uses to read the API. Only its hash is stored:
    the token itself is shown once, when HR creates it."""

    class Scope(models.TextChoices):
        READ = "read", _("Sola lettura")

    name = models.CharField(_("nome"), max_length=100)
    prefix = models.CharField(_("inizio del token"), max_length=12)
    token_hash = models.CharField(_("impronta"), max_length=64, unique=True)
    scope = models.CharField(
        _("ambito"), max_length=10, choices=Scope.choices, default=Scope.READ
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creato da"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ultimo uso"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocato il"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revocato da"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self):
        # Also the throttling key: unique per token, never the secret.
        return f"api-token:{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
