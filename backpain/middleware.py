"""Keep patients' pages out of shared and browser caches, and say whose they are."""

from accounts.devices import ACCOUNT_HEADER, device_account


class PrivatePagesMiddleware:
    """Responses to a logged-in patient carry health data: tell every cache
    (a shared computer's browser, a proxy) not to keep them. Every response
    also names the signed-in account (an opaque key, empty for nobody), so
    the service worker drops pages and entries kept for anyone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        if authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        if user is not None:
            response[ACCOUNT_HEADER] = device_account(user)
        return response
