"""/accounts/health/: the health background, offered once after sign-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from walks.clock import patient_today
from walks.forms import HealthBackgroundForm
from walks.services import health as health_service


@login_required
def health(request):
    """The health background: six questions and the date of the last check."""
    today = patient_today(request.user)
    record = health_service.health_background(request.user)
    form = HealthBackgroundForm(request.POST or None, today=today, instance=record)
    if request.method == "POST" and form.is_valid():
        health_service.save_health_background(
            user=request.user, data=form.cleaned_data, today=today
        )
        messages.success(request, _("Your health background is saved."))
        return redirect("home" if request.GET.get("welcome") else "account")
    return render(
        request,
        "accounts/health.html",
        {"form": form, "welcome": bool(request.GET.get("welcome")), "record": record},
    )
