"""The clinician's pages: /clinic/ and /clinic/patients/<link_id>/."""

from django.shortcuts import render

from clinic.access import clinician_required, open_link
from clinic.models import AccessRecord, CareLink
from reports.report import default_period, report_for
from walks.clock import patient_today


@clinician_required
def panel(request):
    """The clinician's linked patients (open links only), newest link first."""
    links = list(
        CareLink.objects.filter(clinician=request.clinician, ended_at=None).select_related(
            "patient"
        )[:50]
    )
    AccessRecord.objects.bulk_create(
        AccessRecord(link=link, what=AccessRecord.VIEW_PANEL) for link in links
    )
    return render(request, "clinic/panel.html", {"clinician": request.clinician, "links": links})


@clinician_required
def patient(request, link_id):
    """One linked patient: the report's content, questionnaire scores and
    notes included (the same builder as /report/, so the numbers match)."""
    link = open_link(request.clinician, link_id)
    today = patient_today(link.patient)
    start, end = default_period(today)
    report = report_for(link.patient, start=start, end=end, today=today)
    AccessRecord.objects.create(link=link, what=AccessRecord.VIEW_PATIENT)
    return render(
        request,
        "clinic/patient.html",
        {"link": link, "report": report},
    )
