"""Share links: a doctor opens the patient's report without an account.

The token itself is shown to the patient once and never stored: only its
SHA-256 hash is, so a copy of the database cannot open any report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSettings(models.Model):
    """What the patient wants printed at the top of the report."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="report_settings",
    )  # fmt: skip
    display_name = models.CharField(
        _("Name to show on the report"),
        max_length=100,
        blank=True,
        help_text=_("Optional: how your doctor knows you. Leave it empty to show no name."),
    )

    def __str__(self):
        return self.display_name or "report settings"


class ShareLink(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("Who it is for"), max_length=60, blank=True)
    start = models.DateField()
    end = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"share link until {self.expires_at:%d %b %Y}"
