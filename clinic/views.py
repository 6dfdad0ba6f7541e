"""The patient's side of the care team: /accounts/care-team/."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic import services
from clinic.forms import CodeForm, LinkForm
from clinic.models import AccessRecord, CareLink
from walks.services import entries

RECENT = 50


def _records(patient):
    return AccessRecord.objects.filter(link__patient=patient).select_related(
        "link__clinician__user", "link__clinician__doctor"
    )


@login_required
def care_team(request):
    patient = request.user
    found = None
    form = CodeForm()
    if request.method == "POST" and "end" in request.POST:
        try:
            link_id = int(request.POST["end"])
        except ValueError:
            link_id = 0
        if services.end(patient=patient, link_id=link_id):
            messages.success(request, _("The link is ended: that clinician sees nothing more."))
        return redirect("clinic:care_team")
    linking = request.POST.get("consent") or request.POST.get("step") == "link"
    if request.method == "POST" and linking:
        form = LinkForm(request.POST)
        if form.is_valid():
            services.link(
                patient=patient, clinician=form.clinician, can_adjust_plan=form.can_adjust_plan
            )
            messages.success(
                request,
                _("%(name)s is now on your care team.") % {"name": form.clinician.display_name},
            )
            return redirect("clinic:care_team")
        found = getattr(form, "clinician", None)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            found = form.clinician
            form = LinkForm(initial={"code": request.POST["code"], "scopes": ["view"]})
    links = CareLink.objects.filter(patient=patient, ended_at=None).select_related(
        "clinician__user", "clinician__doctor"
    )
    return render(
        request,
        "clinic/care_team.html",
        {
            "form": form,
            "found": found,
            "links": links,
            "records": _records(patient)[:RECENT],
        },
    )


@login_required
@require_POST
def notes_read(request):
    """The patient has read their clinician's notes: they leave the dashboard."""
    ids = [int(v) for v in request.POST.getlist("note") if v.isdigit()]
    entries.mark_notes_read(user=request.user, ids=ids)
    return redirect("home")


@login_required
@require_GET
def care_team_csv(request):
    """Every clinician view of the patient's data, as a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="clinician-views.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(["when", "clinician", "what"])
    tz = timezone.get_current_timezone()
    for r in _records(request.user).iterator():
        writer.writerow(
            [r.at.astimezone(tz).isoformat(timespec="minutes"), r.link.clinician.display_name,
             r.what]
        )  # fmt: skip
    return response
