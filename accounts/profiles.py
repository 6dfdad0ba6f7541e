"""Reading a patient's profile: one query per request at most, and a GET
never writes (a patient without a saved profile gets the defaults)."""

from accounts.models import Profile


def profile_for(user) -> Profile:
    cached = getattr(user, "_walks_profile", None)
    if cached is not None:
        return cached
    profile = Profile.objects.filter(user_id=user.pk).first() or Profile(user_id=user.pk)
    user._walks_profile = profile
    return profile


def forget_profile(user) -> None:
    if hasattr(user, "_walks_profile"):
        del user._walks_profile
