"""An email address becomes an account's only once its owner confirms it.

Sign-up must not tell a stranger which addresses have accounts, so it
answers the same for every address: "we sent a link". A new address gets a
confirmation link; an address that already belongs to an account gets, in
its place, a note to that account's owner (with their username and the way
to reset a password), and the new account simply goes without an email.

Links are signed (no table), name the account and the address, and last
three days; confirming twice is harmless.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Profile
from accounts.site import absolute

SALT = "walkwell.email-confirmation"
LIFETIME_SECONDS = 3 * 24 * 3600


def address_in_use(email: str, *, besides=None) -> bool:
    others = get_user_model().objects.filter(email__iexact=email)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    return others.exists()


def _send(to: str, subject: str, template: str, context: dict) -> None:
    EmailMessage(subject=subject, body=render_to_string(template, context), to=[to]).send()


def ask_to_confirm(user, email: str, *, language: str) -> None:
    """Keep `email` as the account's pending address and, once the caller's
    transaction commits, send the link (or the note to the address's owner)."""
    Profile.objects.filter(user=user).update(pending_email=email)
    transaction.on_commit(lambda: _mail(user, email, language))


def _mail(user, email: str, language: str) -> None:
    with translation.override(language):
        owner = get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).first()
        if owner is not None:
            _send(
                owner.email,
                _("Someone tried to open a Walk Well account with your email address"),
                "emails/email_in_use.txt",
                {
                    "username": owner.get_username(),
                    "login_url": absolute(reverse("login")),
                    "reset_url": absolute(reverse("password_reset")),
                },
            )
            return
        token = signing.dumps({"u": user.pk, "e": email}, salt=SALT, compress=True)
        _send(
            email,
            _("Confirm your email address for Walk Well"),
            "emails/confirm_email.txt",
            {
                "username": user.get_username(),
                "confirm_url": absolute(reverse("confirm_email", args=[token])),
            },
        )


class Outcome:
    CONFIRMED = "confirmed"
    TAKEN = "taken"  # another account confirmed the address meanwhile
    INVALID = "invalid"  # expired, altered, or for an address since replaced


def confirm(token: str) -> str:
    try:
        data = signing.loads(token, salt=SALT, max_age=LIFETIME_SECONDS)
        user_id, email = int(data["u"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return Outcome.INVALID
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            return Outcome.INVALID
        if user.email.lower() == email.lower():
            return Outcome.CONFIRMED
        profile = Profile.objects.filter(user=user, pending_email__iexact=email).first()
        if profile is None:
            return Outcome.INVALID
        if address_in_use(email, besides=user):
            return Outcome.TAKEN
        user.email = email
        user.save(update_fields=["email"])
        profile.pending_email = ""
        profile.save(update_fields=["pending_email"])
    return Outcome.CONFIRMED
