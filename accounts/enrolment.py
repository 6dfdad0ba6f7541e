"""One-time enrolment links for a first (or replacement) authenticator.

A password alone must never be enough to enrol the authenticator that then
opens the admin: whoever held the password could enrol first and lock the
owner out. So the first authenticator of a staff member (or clinician) is
enrolled only through a link made for them on the server
(`manage.py enrolment_link USERNAME`) or by a verified admin in the admin.

A link lives 24 hours, is stored only as a hash, works once, and a new link
ends the person's older ones. Using it replaces their earlier authenticators
(the usual reason for a second link is a lost phone).
"""

import datetime
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentLink, hash_token
from accounts.site import absolute

LIFETIME = datetime.timedelta(hours=24)


def needs_second_factor(user) -> bool:
    """Staff and clinicians sign in with a password and an authenticator."""
    return user.is_staff or user.groups.filter(name="clinicians").exists()


def make_link(user, *, made_by=None) -> str:
    """A new link for `user`; returns the token (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        EnrolmentLink.objects.filter(user=user, used_at=None, ended_at=None).update(ended_at=now)
        EnrolmentLink.objects.create(
            user=user, token_hash=hash_token(token), expires_at=now + LIFETIME, made_by=made_by
        )
    return token


def link_url(token: str) -> str:
    return absolute(reverse("staff_enrol", args=[token]))


def open_link(token: str, user) -> EnrolmentLink | None:
    """The live link with this token for this user, or None."""
    return EnrolmentLink.objects.filter(
        token_hash=hash_token(token),
        user=user,
        used_at=None,
        ended_at=None,
        expires_at__gt=timezone.now(),
    ).first()


def device_for(link: EnrolmentLink) -> TOTPDevice:
    """The not-yet-confirmed authenticator this link is enrolling (one per
    link, so reloading the page keeps the same QR code)."""
    name = f"authenticator (link {link.pk})"
    device = TOTPDevice.objects.filter(user=link.user, name=name, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=link.user, name=name, confirmed=False)


def use_link(link: EnrolmentLink, device: TOTPDevice) -> bool:
    """Confirm `device` and spend the link, once: False when the link was
    spent or ended meanwhile (a second tab, a double tap)."""
    now = timezone.now()
    with transaction.atomic():
        spent = EnrolmentLink.objects.filter(
            pk=link.pk, used_at=None, ended_at=None, expires_at__gt=now
        ).update(used_at=now)
        if spent != 1:
            return False
        TOTPDevice.objects.filter(user=link.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = "authenticator"
        device.save(update_fields=["confirmed", "name"])
    return True
