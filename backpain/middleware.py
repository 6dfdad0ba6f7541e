"""Keep patients' pages out of shared and browser caches."""


class PrivatePagesMiddleware:
    """Responses to a logged-in patient carry health data: tell every cache
    (a shared computer's browser, a proxy) not to keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
