"""The signed links that come with reminders: the calendar feed and the
one-click unsubscribe. Signed (HMAC-SHA256 with SECRET_KEY) rather than
stored: nothing to leak from the database, and bumping the profile's version
ends every older link. (The salts keep their first names, so links sent
before the code moved still work.)"""

from django.core import signing

from accounts.models import Profile

CALENDAR_SALT = "accounts.calendar-feed"
UNSUBSCRIBE_SALT = "accounts.reminder-unsubscribe"


def calendar_token(profile: Profile) -> str:
    return signing.dumps([profile.user_id, profile.calendar_version], salt=CALENDAR_SALT)


def unsubscribe_token(profile: Profile) -> str:
    return signing.dumps([profile.user_id, profile.unsubscribe_version], salt=UNSUBSCRIBE_SALT)


def _profile_from(token: str, *, salt: str, version_field: str) -> Profile | None:
    try:
        user_id, version = signing.loads(token, salt=salt)
        user_id, version = int(user_id), int(version)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (
        Profile.objects.select_related("user")
        .filter(user_id=user_id, **{version_field: version}, user__is_active=True)
        .first()
    )


def profile_from_calendar_token(token: str) -> Profile | None:
    return _profile_from(token, salt=CALENDAR_SALT, version_field="calendar_version")


def profile_from_unsubscribe_token(token: str) -> Profile | None:
    return _profile_from(token, salt=UNSUBSCRIBE_SALT, version_field="unsubscribe_version")
