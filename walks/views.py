import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.formats import date_format
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DeleteView, UpdateView

from walks import dashboard, rules, services
from walks.forms import CheckInForm, PlanForm, WalkForm
from walks.models import CheckIn, Plan, Walk


def home(request):
    if not request.user.is_authenticated:
        return render(request, "walks/landing.html")
    result = services.patient_progress(request.user)
    context = dashboard.dashboard_context(result)
    return render(request, "walks/dashboard.html", context)


@require_GET
def tips(request):
    return render(request, "walks/tips.html")


@require_GET
@login_required
def history(request):
    """Walks and check-ins together, newest first, 25 to a page."""
    page, rows = services.history_page(request.user, request.GET.get("page"))
    return render(request, "walks/history.html", {"page_obj": page, "rows": rows})


class OwnedMixin(LoginRequiredMixin):
    """Every query is scoped to the logged-in patient: another patient's id
    is simply not found (404)."""

    def get_queryset(self):
        return self.model.objects.filter(user=self.request.user)


class EntryCreateMixin(LoginRequiredMixin):
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        form.instance.user = self.request.user
        with transaction.atomic():  # the entry and the cache invalidation land together
            response = super().form_valid(form)
        messages.success(self.request, self.saved_message(form.instance))
        return response

    def saved_message(self, entry):
        when = date_format(entry.date, "j F")
        status = dashboard.today_status(self.request.user)
        return f"Your {self.noun} for {when} is saved. {status}"


class WalkCreateView(EntryCreateMixin, CreateView):
    model = Walk
    form_class = WalkForm
    template_name = "walks/walk_form.html"
    noun = "walk"

    def get_context_data(self, **kwargs):
        week = services.patient_progress(self.request.user).progress.current_week
        target = dashboard.target_sentence(week) if week else None
        return super().get_context_data(target_sentence=target, **kwargs)


class CheckInCreateView(EntryCreateMixin, CreateView):
    model = CheckIn
    form_class = CheckInForm
    template_name = "walks/checkin_form.html"
    noun = "check-in"


class EntryUpdateMixin(OwnedMixin):
    def get_success_url(self):
        # An edit can raise a warning too (a symptom added later): then land
        # on the dashboard, where warnings come first; otherwise back to history.
        progress = services.patient_progress(self.request.user).progress
        return reverse("home") if progress.warnings else reverse("walks:history")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, f"Your {self.noun} is updated.")
        return response


class WalkUpdateView(EntryUpdateMixin, UpdateView):
    model = Walk
    form_class = WalkForm
    template_name = "walks/walk_form.html"
    noun = "walk"


class CheckInUpdateView(EntryUpdateMixin, UpdateView):
    model = CheckIn
    form_class = CheckInForm
    template_name = "walks/checkin_form.html"
    noun = "check-in"


class EntryDeleteMixin(OwnedMixin):
    success_url = reverse_lazy("walks:history")
    template_name = "walks/confirm_delete.html"

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, f"The {self.noun} is deleted.")
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(noun=self.noun, **kwargs)


class WalkDeleteView(EntryDeleteMixin, DeleteView):
    model = Walk
    noun = "walk"


class CheckInDeleteView(EntryDeleteMixin, DeleteView):
    model = CheckIn
    noun = "check-in"


CSV_COLUMNS = WalkForm.Meta.fields  # the same columns, in the order of the form


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
        Walk.objects.filter(user=request.user)
        .order_by("date", "created_at", "id")
        .values_list(*CSV_COLUMNS)
    )
    for row in rows.iterator(chunk_size=2000):
        writer.writerow([_csv_safe(v) for v in row])
    return response


@login_required
def plan(request):
    instance = Plan.objects.filter(user=request.user).first()
    if request.method == "POST" and "reset" in request.POST:
        if instance is not None:
            with transaction.atomic():
                instance.delete()
        messages.success(request, "Your plan now starts on the day of your first walk.")
        return redirect("walks:plan")
    if request.method == "POST":
        form = PlanForm(request.POST, instance=instance)
        if form.is_valid():
            form.instance.user = request.user
            with transaction.atomic():
                form.save()
            messages.success(request, "Your plan is saved.")
            return redirect("walks:plan")
    result = services.patient_progress(request.user)
    if request.method != "POST":
        current = result.progress.plan
        initial = {
            "start_date": current.start_date if current else services.local_today(),
            "start_minutes": rules.MIN_MINUTES,
        }
        form = PlanForm(instance=instance, initial={} if instance else initial)
    context = dashboard.dashboard_context(result)
    context.update(form=form, explicit_plan=instance is not None)
    return render(request, "walks/plan.html", context)


@require_GET
def progress_json(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raw = request.GET.get("days", "")
    days = rules.DEFAULT_DAILY_DAYS
    if raw != "":
        try:
            days = int(raw)
        except ValueError:
            days = 0
        if not 1 <= days <= rules.MAX_DAILY_DAYS:
            return JsonResponse(
                {"error": f"days must be a whole number from 1 to {rules.MAX_DAILY_DAYS}."},
                status=400,
            )
    result = services.patient_progress(request.user, daily_days=days)
    response = JsonResponse(services.progress_json(result, days=days))
    response["Cache-Control"] = "private, no-store"
    return response
