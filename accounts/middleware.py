from django.conf import settings
from django.utils import timezone, translation

from accounts.profiles import profile_for


class PatientTimezoneMiddleware:
    """Shows times (token use, share links, reports) in the patient's own
    time zone. "Today" itself comes from walks.clock, which the API's token
    requests use too (their user is known only inside the view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(profile_for(user).zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PatientLanguageMiddleware:
    """A signed-in patient's saved language wins over the cookie and the
    browser (LocaleMiddleware, earlier, handles everyone else), so the
    choice follows them to a new phone."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = profile_for(user).language
            if chosen in self.known and chosen != request.LANGUAGE_CODE:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)
