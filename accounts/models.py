"""Personal access tokens for the API (/accounts/tokens/).

A token is shown to its owner once and stored only as a SHA-256 hash.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "ww_"  # noqa: S105  (a visible prefix that marks our tokens, not a secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccessToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("Read: see your diary and plan")
        WRITE = "write", _("Write: also log, change and delete entries")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("Name"), max_length=60, help_text=_("e.g. 'my watch'"))
    scope = models.CharField(_("Access"), max_length=5, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name
