"""Personal access tokens for the API (/accounts/tokens/).

A token is shown to its owner once and stored only as a SHA-256 hash.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def default_timezone() -> str:
    return settings.TIME_ZONE


class Profile(models.Model):
    """Per-patient settings: time zone, daily reminder, and the versions that
    sign the calendar-feed and unsubscribe links (bumping one ends the old
    link, since those links are signed rather than stored)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    timezone = models.CharField(_("Time zone"), max_length=64, default=default_timezone)
    reminders_enabled = models.BooleanField(_("Send me a daily reminder"), default=False)
    reminder_time = models.TimeField(_("Reminder time"), default=datetime.time(18, 0))
    # Empty: follow the language cookie or the browser.
    language = models.CharField(
        _("Language"), max_length=8, blank=True, choices=settings.LANGUAGES, default=""
    )
    # An email address given at sign-up waits here until its owner opens the
    # link sent to it; only then does it become the account's email (resets,
    # reminders). Until then nothing is sent to it but that one link.
    pending_email = models.EmailField(blank=True, default="")
    # The weekdays the patient means to walk on, as digits (0 = Monday):
    # "024" is Monday, Wednesday and Friday. Empty: not chosen, every day.
    walking_days = models.CharField(_("Walking days"), max_length=7, blank=True, default="")
    calendar_version = models.PositiveIntegerField(default=1)
    unsubscribe_version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(
                fields=["timezone", "reminder_time"],
                condition=models.Q(reminders_enabled=True),
                name="profile_reminders_due",
            )
        ]

    def __str__(self):
        return f"profile of user {self.user_id}"

    @property
    def language_code(self) -> str:
        """The language to write to this patient in: their choice, else the default."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def walking_weekdays(self) -> frozenset[int] | None:
        """The chosen weekdays, or None when the patient has not chosen."""
        return frozenset(int(c) for c in self.walking_days) if self.walking_days else None

    @property
    def zone(self) -> ZoneInfo:
        return zone_or_default(self.timezone)


def zone_or_default(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


class ReminderSent(models.Model):
    """One row per patient and local day, written before the email goes:
    the unique constraint is what keeps two concurrent runs to one email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    local_date = models.DateField()
    sent_at = models.DateTimeField()
    run_id = models.UUIDField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="one_reminder_per_day")
        ]

    def __str__(self):
        return f"reminder to user {self.user_id} on {self.local_date}"


class EnrolmentLink(models.Model):
    """A one-time link that lets one staff member or clinician enrol an
    authenticator app. Only the SHA-256 hash of the link's token is stored;
    a new link ends the older ones of the same person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"enrolment link for user {self.user_id}"
