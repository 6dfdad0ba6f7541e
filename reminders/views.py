"""The reminder settings page, the one-click unsubscribe and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Profile
from accounts.profiles import forget_profile, profile_for
from reminders import links
from reminders.calendar import plan_calendar
from reminders.forms import ReminderSettingsForm
from walks.clock import patient_today
from walks.services import summary
from walks.services.progress import todays_target


@login_required
def reminders(request):
    """Time zone, daily reminder and the calendar-feed link."""
    profile = profile_for(request.user)
    if request.method == "POST" and "new_calendar_link" in request.POST:
        with transaction.atomic():
            profile.calendar_version += 1
            profile.save()
        messages.success(request, _("Here is a new calendar link. The old one no longer works."))
        return redirect("reminders")
    target = todays_target(request.user, patient_today(request.user))
    form = ReminderSettingsForm(
        request.POST or None, instance=profile, target_days=target.target_days
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            forget_profile(request.user)
            summary.refresh(request.user)  # walking days and the time zone change the panel
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminders")
    feed_url = None
    if profile.pk:
        feed_url = request.build_absolute_uri(
            reverse("calendar_feed", args=[links.calendar_token(profile)])
        )
    response = render(request, "accounts/reminders.html", {"form": form, "feed_url": feed_url})
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt  # mail providers POST here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    profile = links.profile_from_unsubscribe_token(token)
    if profile is None:
        raise Http404
    if request.method == "POST":
        Profile.objects.filter(pk=profile.pk).update(reminders_enabled=False)
        return render(request, "accounts/unsubscribed.html")
    return render(request, "accounts/unsubscribe.html", {"profile": profile})


@require_GET
def calendar_feed(request, token):
    profile = links.profile_from_calendar_token(token)
    if profile is None:
        raise Http404
    # Calendar apps send no cookie: the feed speaks the patient's chosen language.
    with translation.override(profile.language_code):
        feed = plan_calendar(profile)
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="walking-plan.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
