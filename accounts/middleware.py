from django.utils import timezone

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
