"""/accounts/health/: the health background, offered once after sign-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from walks import selectors
from walks.clock import patient_today
from walks.forms import DoctorVisitForm, HealthBackgroundForm
from walks.models.health import DoctorVisit
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


@login_required
def doctor_visit(request):
    """/warnings/seen/: "a doctor has seen me". The warnings then read only
    what is reported after the visit; rest advice holds walking until the
    patient says, here again, that they may walk."""
    today = patient_today(request.user)
    first_entry = selectors.first_entry_date(request.user)
    form = DoctorVisitForm(request.POST or None, today=today, first_entry=first_entry)
    if request.method == "POST" and form.is_valid():
        visit = health_service.record_doctor_visit(
            user=request.user, today=today, **form.cleaned_data
        )
        day = date_format(visit.seen_on, "j F")
        if visit.advice == DoctorVisit.Advice.REST:
            message = _(
                "Saved. Your plan rests as your doctor advised; come back here when you "
                "may walk again."
            )
        else:
            message = _(
                "Saved. Warnings from before %(day)s are cleared; a sign you report "
                "after the visit raises its warning again."
            ) % {"day": day}
        messages.success(request, message)
        return redirect("home")
    visits = selectors.doctor_visits(request.user)
    return render(request, "walks/doctor_visit.html", {"form": form, "visits": visits})
