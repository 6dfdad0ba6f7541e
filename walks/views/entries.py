"""Walks, check-ins and weekly checks from the page forms. Each view
validates with its form and writes through one service call."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from walks import presenters, rules, selectors, wording
from walks.clock import patient_today
from walks.forms import CheckInForm, FunctionCheckForm, WalkForm
from walks.models import as_date
from walks.services import entries, progress

WALK = gettext_lazy("walk")
CHECKIN = gettext_lazy("check-in")


def _posted_client_id(request) -> uuid.UUID | None:
    """Each rendered form carries a key of its own, like an API client's
    client_id: the same form sent again (Back, then Save) saves once."""
    try:
        return uuid.UUID(request.POST["client_id"]) if request.method == "POST" else None
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def plan_snapshot_before(request, today, *days) -> presenters.PlanSnapshot | None:
    """The plan as it stands, before a write of entries on `days`; None when
    the write cannot move it: an entry after the plan's first day and in the
    current plan week changes neither the start nor this week's targets (they
    come from completed weeks). Logging today's walk, the common case, then
    costs one query here instead of two progress reads."""
    plan = selectors.plan_settings(request.user)
    if plan is None:
        return None  # the first entry starts the plan: its own message says so
    index = max(0, rules.week_index(plan.start_date, today))
    week_start, _end = rules.week_bounds(plan.start_date, index)
    if all(day > plan.start_date and day >= week_start for day in map(as_date, days)):
        return None
    return presenters.plan_snapshot(
        progress.patient_progress(request.user, today=today, daily_days=1)
    )


def with_plan_change(request, message: str, before: presenters.PlanSnapshot | None, today) -> str:
    """The confirmation, and in plain words any change the write made to the
    plan's start or this week's target (a back-dated walk, an edit)."""
    if before is None:
        return message
    after = presenters.plan_snapshot(
        progress.patient_progress(request.user, today=today, daily_days=1)
    )
    change = presenters.plan_change_sentence(before, after)
    return f"{message} {change}" if change else message


def _say_saved(request, logged: entries.Logged, noun, before, today) -> None:
    if logged.created:
        message = _("Your %(noun)s for %(day)s is saved.")
    else:
        message = _("Your %(noun)s for %(day)s was already saved; it is in your diary once.")
    day = date_format(logged.entry.date, "j F")
    message = message % {"noun": noun, "day": day}
    if logged.created:
        message = with_plan_change(request, message, before, today)
    messages.success(request, message)


@login_required
def walk_new(request):
    today = patient_today(request.user)
    form = WalkForm(request.POST or None, today=today)
    client_id = _posted_client_id(request)
    if request.method == "POST" and form.is_valid():
        before = plan_snapshot_before(request, today, form.cleaned_data["date"])
        logged = entries.log_walk(
            user=request.user, data=form.cleaned_data, today=today, client_id=client_id
        )
        _say_saved(request, logged, WALK, before, today)
        return redirect("home")
    result = progress.patient_progress(request.user, today=today, daily_days=1)
    week = result.progress.current_week
    request.warnings = result.progress.warnings  # the banner needs no second look
    context = {
        "form": form,
        "client_id": client_id or uuid.uuid4(),
        "target_sentence": presenters.target_sentence(week) if week else None,
        # While the plan is paused the form says why, never "walk N minutes".
        "guidance": result.guidance,
        "guidance_message": wording.guidance_message(result.guidance),
    }
    return render(request, "walks/walk_form.html", context)


@login_required
def checkin_new(request):
    today = patient_today(request.user)
    form = CheckInForm(request.POST or None, today=today)
    client_id = _posted_client_id(request)
    if request.method == "POST" and form.is_valid():
        before = plan_snapshot_before(request, today, form.cleaned_data["date"])
        logged = entries.log_checkin(
            user=request.user, data=form.cleaned_data, today=today, client_id=client_id
        )
        _say_saved(request, logged, CHECKIN, before, today)
        return redirect("home")
    context = {"form": form, "client_id": client_id or uuid.uuid4()}
    return render(request, "walks/checkin_form.html", context)


def _edit(request, entry, form_class, template: str, noun):
    today = patient_today(request.user)
    form = form_class(request.POST or None, today=today, instance=entry)
    if request.method == "POST" and form.is_valid():
        before = plan_snapshot_before(request, today, entry.date, form.cleaned_data["date"])
        entries.update_entry(entry=entry, data=form.cleaned_data, today=today)
        message = _("Your %(noun)s is updated.") % {"noun": noun}
        messages.success(request, with_plan_change(request, message, before, today))
        # An edit can raise a warning (a symptom added later): then land on
        # the dashboard, where warnings come first; otherwise back to history.
        result = progress.patient_progress(request.user, today=today, daily_days=1)
        return redirect("home" if result.progress.warnings else "walks:history")
    return render(request, template, {"form": form, "object": entry})


@login_required
def walk_edit(request, pk):
    walk = get_object_or_404(selectors.owned_walks(request.user), pk=pk)
    return _edit(request, walk, WalkForm, "walks/walk_form.html", WALK)


@login_required
def checkin_edit(request, pk):
    checkin = get_object_or_404(selectors.owned_checkins(request.user), pk=pk)
    return _edit(request, checkin, CheckInForm, "walks/checkin_form.html", CHECKIN)


def _delete(request, entry, noun):
    if request.method == "POST":
        today = patient_today(request.user)
        before = plan_snapshot_before(request, today, entry.date)
        entries.delete_entry(entry=entry)
        message = _("The %(noun)s is deleted.") % {"noun": noun}
        messages.success(request, with_plan_change(request, message, before, today))
        return redirect("walks:history")
    return render(request, "walks/confirm_delete.html", {"object": entry, "noun": noun})


@login_required
def walk_delete(request, pk):
    return _delete(request, get_object_or_404(selectors.owned_walks(request.user), pk=pk), WALK)


@login_required
def checkin_delete(request, pk):
    checkin = get_object_or_404(selectors.owned_checkins(request.user), pk=pk)
    return _delete(request, checkin, CHECKIN)


@login_required
def function_check_new(request):
    """The weekly function check (/checks/new/)."""
    today = patient_today(request.user)
    form = FunctionCheckForm(request.POST or None, today=today, user=request.user)
    if request.method == "POST" and form.is_valid():
        check = entries.log_function_check(user=request.user, data=form.cleaned_data, today=today)
        messages.success(
            request,
            _("Your weekly check is saved: a score of %(score)s out of 10.")
            % {"score": check.score},
        )
        return redirect("home")
    return render(request, "walks/function_check_form.html", {"form": form})
