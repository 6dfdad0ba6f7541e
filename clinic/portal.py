"""The clinician's pages: /clinic/ and /clinic/patients/<link_id>/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clinic import selectors, wording
from clinic.access import clinician_required, open_link
from clinic.forms import TargetForm
from clinic.models import AccessRecord
from reports.report import default_period, report_for
from walks.clock import patient_today
from walks.services import entries


def _patient_url():
    """One reverse() for the page; each row adds its link's id."""
    prefix = reverse("clinic:patient", args=[0]).removesuffix("0/")
    return lambda link_id: f"{prefix}{link_id}/"


@clinician_required
def panel(request):
    """The clinician's linked patients (open links only), most in need of
    attention first; 50 a page, or only those who need attention."""
    attention_only = request.GET.get("attention") == "1"
    today = patient_today(request.user)
    page, rows = selectors.panel_page(
        request.clinician, today=today, attention_only=attention_only, page=request.GET.get("page")
    )
    AccessRecord.objects.bulk_create(
        AccessRecord(link_id=row.link_id, what=AccessRecord.VIEW_PANEL) for row in rows
    )
    return render(
        request,
        "clinic/panel.html",
        {
            "clinician": request.clinician,
            "page": page,
            "rows": rows,
            "rows_html": wording.panel_html(wording.panel_rows(rows), _patient_url()),
            "attention_only": attention_only,
        },
    )


@clinician_required
def patient(request, link_id):
    """One linked patient: the report's content, questionnaire scores and
    notes included (the same builder as /report/, so the numbers match);
    with the `adjust_plan` scope, a weekly target and a note."""
    link = open_link(request.clinician, link_id)
    today = patient_today(link.patient)
    form = TargetForm(request.POST or None) if link.can_adjust_plan else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # the patient allowed viewing only
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    entries.set_target(
                        user=link.patient,
                        week=data["week"],
                        target_minutes=data["target_minutes"],
                        target_days=data["target_days"],
                        note=data["note"],
                        set_by=request.user,
                        set_by_name=request.clinician.display_name,
                        today=today,
                    )
                    AccessRecord.objects.create(link=link, what=AccessRecord.ADJUST_PLAN)
                    if data["note"]:
                        AccessRecord.objects.create(link=link, what=AccessRecord.NOTE)
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(
                    request,
                    _(
                        "Saved: %(minutes)s minutes on %(days)s days a week from %(week)s."
                        " The patient sees that you set it."
                    )
                    % {
                        "minutes": data["target_minutes"],
                        "days": data["target_days"],
                        "week": _("this week")
                        if data["week"] == entries.CURRENT_WEEK
                        else _("next week"),
                    },
                )
                return redirect("clinic:patient", link.pk)
    start, end = default_period(today)
    report = report_for(link.patient, start=start, end=end, today=today)
    AccessRecord.objects.create(link=link, what=AccessRecord.VIEW_PATIENT)
    return render(request, "clinic/patient.html", {"link": link, "report": report, "form": form})
