"""The plan page (/progress.json, which adds the outcome scores, is in outcomes/progress.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from walks import presenters, rules, selectors
from walks.clock import patient_today
from walks.forms import PlanForm
from walks.services import entries, progress


@login_required
def plan(request):
    today = patient_today(request.user)
    instance = selectors.explicit_plan(request.user)
    if request.method == "POST" and "reset" in request.POST:
        entries.reset_plan(user=request.user)
        messages.success(request, _("Your plan now starts on the day of your first walk."))
        return redirect("walks:plan")
    if request.method == "POST":
        form = PlanForm(request.POST, today=today)
        if form.is_valid():
            entries.set_plan(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your plan is saved."))
            return redirect("walks:plan")
    result = progress.patient_progress(request.user, today=today)
    if request.method != "POST":
        current = result.progress.plan
        if instance is not None:
            initial = {"start_date": instance.start_date, "start_minutes": instance.start_minutes}
        else:
            initial = {
                "start_date": current.start_date if current else today,
                "start_minutes": rules.MIN_MINUTES,
            }
        form = PlanForm(initial=initial, today=today)
    context = presenters.dashboard_context(result)
    context.update(
        form=form,
        explicit_plan=instance is not None,
        week_rows=presenters.week_rows(result.progress),
    )
    return render(request, "walks/plan.html", context)
