"""What the clinician's panel reads: open links with each patient's summary
row (walks.models.PatientSummary), sorted by who needs attention first.

Three queries a page (the count, the page's ids in order, their rows)
whatever the number of linked patients: the attention order is a SQL
expression over the summary's dates, so nothing of the diary is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When

from clinic.models import CareLink, Clinician
from walks.models import PatientSummary
from walks.services import summary

PAGE_SIZE = 50
# The attention order (issue 28), most in need first.
URGENT, DOCTOR, PAIN_UP, QUIET, HIGH_OUTLOOK, REST = range(6)
NEEDS_ATTENTION = REST  # every rank before it


def attention_rank(today: date) -> Case:
    s = "patient__summary__"
    quiet_since = today - timedelta(days=summary.INACTIVE_DAYS)
    return Case(
        When(Q(**{f"{s}urgent_until__gte": today}), then=Value(URGENT)),
        When(Q(**{f"{s}doctor_until__gte": today}), then=Value(DOCTOR)),
        When(
            Q(**{f"{s}pain_up_from__lte": today, f"{s}pain_up_until__gte": today}),
            then=Value(PAIN_UP),
        ),
        When(
            Q(**{f"{s}last_entry_on__lte": quiet_since}) | Q(**{f"{s}last_entry_on": None}),
            then=Value(QUIET),
        ),
        When(Q(**{f"{s}outlook_band": "high"}), then=Value(HIGH_OUTLOOK)),
        default=Value(REST),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Row:
    link_id: int
    name: str
    username: str
    rank: int
    today: summary.Today
    back_function: int | None
    back_function_change: int | None
    outlook_band: str


SUMMARY_FIELDS = ("computed_on", "plan_start", "last_entry_on", "walking_days", "timeline",
                  "back_function", "back_function_change", "outlook_band")  # fmt: skip


def panel_page(
    clinician: Clinician, *, today: date, attention_only: bool, page: str | int | None
) -> tuple[Page, list[Row]]:
    ordered = (
        CareLink.objects.filter(clinician=clinician, ended_at=None)
        .annotate(rank=attention_rank(today))
        .order_by("rank", F("patient__summary__last_entry_on").asc(nulls_first=True), "id")
    )
    if attention_only:
        ordered = ordered.filter(rank__lt=NEEDS_ATTENTION)
    # Sort only (id, rank) pairs, then read the page's 50 rows as plain
    # values: the database never carries 1,000 summaries through the sort,
    # and no model is built for a line of text.
    found = Paginator(ordered.values_list("pk", "rank"), PAGE_SIZE).get_page(page)
    ranks = dict(found.object_list)
    loaded = {
        values["pk"]: values
        for values in CareLink.objects.filter(
            pk__in=list(ranks), clinician=clinician, ended_at=None
        ).values(
            "pk",
            "patient_id",
            "patient__username",
            "patient__first_name",
            "patient__last_name",
            "patient__summary__user_id",
            *(f"patient__summary__{name}" for name in SUMMARY_FIELDS),
        )  # fmt: skip
    }
    rows = []
    for pk, rank in ranks.items():
        values = loaded.get(pk)
        if values is None:  # ended between the two queries
            continue
        if values["patient__summary__user_id"] is None:  # linked before summaries: once
            row = summary.refresh(values["patient_id"])
        else:
            row = PatientSummary(
                user_id=values["patient_id"],
                **{name: values[f"patient__summary__{name}"] for name in SUMMARY_FIELDS},
            )
        name = f"{values['patient__first_name']} {values['patient__last_name']}".strip()
        rows.append(
            Row(
                link_id=pk,
                name=name or values["patient__username"],
                username=values["patient__username"],
                rank=rank,
                today=summary.as_of(row, today),
                back_function=row.back_function,
                back_function_change=row.back_function_change,
                outlook_band=row.outlook_band,
            )
        )
    return found, rows
