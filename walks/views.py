import csv
import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lessons import selectors as lesson_selectors
from walks import dashboard, rules, selectors
from walks.clock import patient_today
from walks.forms import CheckInForm, FunctionCheckForm, PlanForm, WalkForm
from walks.models import CheckIn, Walk
from walks.services import entries, progress


def home(request):
    if not request.user.is_authenticated:
        return render(request, "walks/landing.html")
    today = patient_today(request.user)
    result = progress.patient_progress(request.user, today=today)
    context = dashboard.dashboard_context(result)
    # The recent checks, and the very first: the change is measured from it.
    checks = selectors.function_checks(request.user, since=today - FUNCTION_CHART_WINDOW)
    first = selectors.first_function_check(request.user) if checks else None
    if first is not None and checks[0].pk != first.pk:
        checks = [first, *checks]
    context.update(dashboard.function_context(checks, today=today))
    context["lesson"] = lesson_selectors.this_weeks_lesson(
        request.user, lesson_selectors.week_of(result.progress.plan, today)
    )
    return render(request, "walks/dashboard.html", context)


FUNCTION_CHART_WINDOW = timedelta(weeks=26)


@require_GET
def tips(request):
    return render(request, "walks/tips.html")


@require_GET
@login_required
def history(request):
    """Walks and check-ins together, newest first, 25 to a page."""
    page = selectors.history_page(
        request.user, older=request.GET.get("older"), newer=request.GET.get("newer")
    )
    return render(request, "walks/history.html", {"page": page, "rows": page.rows})


# --- Entries: forms validate, services write ------------------------------------------
ENTRY_KINDS = {
    "walk": {
        "form": WalkForm,
        "template": "walks/walk_form.html",
        "model": Walk,
        "owned": selectors.owned_walks,
    },
    "checkin": {
        "form": CheckInForm,
        "template": "walks/checkin_form.html",
        "model": CheckIn,
        "owned": selectors.owned_checkins,
    },
}


def _client_id(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except (ValueError, TypeError, AttributeError):
        return None


NOUNS = {"walk": gettext_lazy("walk"), "checkin": gettext_lazy("check-in")}


@login_required
def entry_new(request, kind):
    spec = ENTRY_KINDS[kind]
    today = patient_today(request.user)
    form = spec["form"](request.POST or None, today=today)
    # Each rendered form carries a key of its own, like an API client's
    # client_id: the same form sent again (Back, then Save) saves once.
    client_id = _client_id(request.POST.get("client_id")) if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        entry, created = entries.log_once(
            spec["model"], user=request.user, data=form.cleaned_data, today=today,
            client_id=client_id,
        )  # fmt: skip
        if created:
            message = _("Your %(noun)s for %(day)s is saved.")
        else:
            message = _("Your %(noun)s for %(day)s was already saved; it is in your diary once.")
        messages.success(
            request, message % {"noun": NOUNS[kind], "day": date_format(entry.date, "j F")}
        )
        return redirect("home")
    context = {"form": form, "client_id": client_id or uuid.uuid4()}
    if kind == "walk":
        result = progress.patient_progress(request.user, today=today, daily_days=1)
        week = result.progress.current_week
        context["target_sentence"] = dashboard.target_sentence(week) if week else None
        request.warnings = result.progress.warnings  # the banner needs no second look
    return render(request, spec["template"], context)


@login_required
def entry_edit(request, kind, pk):
    spec = ENTRY_KINDS[kind]
    entry = get_object_or_404(spec["owned"](request.user), pk=pk)
    today = patient_today(request.user)
    form = spec["form"](request.POST or None, today=today, instance=entry)
    if request.method == "POST" and form.is_valid():
        entries.update_entry(entry=entry, data=form.cleaned_data, today=today)
        messages.success(request, _("Your %(noun)s is updated.") % {"noun": NOUNS[kind]})
        # An edit can raise a warning (a symptom added later): then land on
        # the dashboard, where warnings come first; otherwise back to history.
        result = progress.patient_progress(request.user, today=today, daily_days=1)
        return redirect("home" if result.progress.warnings else "walks:history")
    return render(request, spec["template"], {"form": form, "object": entry})


@login_required
def entry_delete(request, kind, pk):
    entry = get_object_or_404(ENTRY_KINDS[kind]["owned"](request.user), pk=pk)
    if request.method == "POST":
        entries.delete_entry(entry=entry)
        messages.success(request, _("The %(noun)s is deleted.") % {"noun": NOUNS[kind]})
        return redirect("walks:history")
    return render(request, "walks/confirm_delete.html", {"object": entry, "noun": NOUNS[kind]})


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


CSV_COLUMNS = (*entries.WALK_FIELDS, *entries.IMPORT_FIELDS)  # the form's, then the origin


def _csv_safe(value):
    """Booleans as yes/no; text that a spreadsheet would run as a formula is
    prefixed with a quote."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
@login_required
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-walks.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    rows = (
        selectors.owned_walks(request.user)
        .order_by("date", "created_at", "id")
        .values_list(*CSV_COLUMNS)
    )
    for row in rows.iterator(chunk_size=2000):
        writer.writerow([_csv_safe(v) for v in row])
    return response


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
    context = dashboard.dashboard_context(result)
    context.update(
        form=form,
        explicit_plan=instance is not None,
        week_rows=dashboard.week_rows(result.progress),
    )
    return render(request, "walks/plan.html", context)


@require_GET
def progress_json(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    days = progress.daily_days(request.GET.get("days"))
    if days is None:
        return JsonResponse({"error": progress.DAYS_MESSAGE}, status=400)
    result = progress.patient_progress(
        request.user, today=patient_today(request.user), daily_days=days
    )
    response = JsonResponse(progress.progress_json(result, days=days))
    response["Cache-Control"] = "private, no-store"
    return response
