"""Which account a browser's offline entries and kept pages belong to.

Every response names the signed-in account with an opaque key (the
`X-WalkWell-Account` header, and `data-account` on patient pages). The page
script and the service worker tag each entry saved offline with it, send an
entry only while the same account is signed in, and delete what another
account left on the device; the API refuses an entry tagged for another
account (walks.api.views). The key is an HMAC of the user's id, so it tells
an outsider nothing (not even how many accounts exist) and cannot be guessed
for someone else.
"""

from django.utils.crypto import salted_hmac

ACCOUNT_HEADER = "X-WalkWell-Account"
REQUEST_HEADER = "HTTP_X_WALKWELL_ACCOUNT"


def device_account(user) -> str:
    """The key for `user`, or "" for nobody signed in."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("walkwell.device-account", str(user.pk)).hexdigest()[:24]


def context(request) -> dict:
    """Template context: `device_account` for the signed-in patient."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"device_account": ""}
    return {"device_account": device_account(user)}
